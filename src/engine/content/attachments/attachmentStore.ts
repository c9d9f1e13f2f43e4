// Where encrypted attachments live. The store only ever holds ciphertext: keys travel inside the
// (end-to-end encrypted) message, never to the store. Implementations: HttpAttachmentStore (the
// node's embedded blob store, or any server speaking its PUT/GET) and S3AttachmentStore; the app's
// setting picks one (attachmentStoreConfig.ts).

export interface AttachmentStore {
  /** Stores the encrypted bytes and returns the URL any member can GET them from. Throws AttachmentStoreError. */
  upload(encrypted: Uint8Array): Promise<string>
  /** The bytes at `url`, unverified (the caller checks the digest). Throws AttachmentStoreError. */
  download(url: string): Promise<Uint8Array>
}

/** The embedded blob store's default upload limit, and clients' default download limit. */
export const DEFAULT_MAX_BLOB_BYTES = 100 * 1024 * 1024
