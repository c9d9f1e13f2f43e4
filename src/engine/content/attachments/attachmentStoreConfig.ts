// The attachment-store setting, as the app stores it, and the store it makes. "embedded" is the
// zero-configuration default: the blob store of the delivery node the app runs.
import { AttachmentStoreError } from "../errors"
import type { AttachmentStore } from "./attachmentStore"
import { HttpAttachmentStore } from "./httpAttachmentStore"
import { S3AttachmentStore, type S3AttachmentStoreOptions } from "./s3AttachmentStore"

export type AttachmentStoreConfig =
  | { kind: "embedded" }
  | { kind: "http"; baseUrl: string; uploadToken?: string }
  | ({ kind: "s3" } & Omit<S3AttachmentStoreOptions, "maxDownloadBytes" | "timeoutMs">)

/** What "embedded" needs of the running node (the server's RunningNode has this shape). */
export interface EmbeddedBlobStoreHost {
  blobStore?: { url: string; uploadToken: string }
}

/** Throws AttachmentStoreError("Unavailable") for "embedded" without a node that runs a blob store. */
export function createAttachmentStore(config: AttachmentStoreConfig, runningNode?: EmbeddedBlobStoreHost): AttachmentStore {
  switch (config.kind) {
    case "embedded": {
      const blobs = runningNode?.blobStore
      if (!blobs) {
        throw new AttachmentStoreError(
          "Unavailable",
          "the embedded attachment store needs the app's own node with its blob store running: start it, or choose an HTTP or S3 store in the settings",
        )
      }
      return new HttpAttachmentStore({ baseUrl: blobs.url, uploadToken: blobs.uploadToken })
    }
    case "http":
      return new HttpAttachmentStore({ baseUrl: config.baseUrl, ...(config.uploadToken === undefined ? {} : { uploadToken: config.uploadToken }) })
    case "s3": {
      const { kind: _kind, ...options } = config
      return new S3AttachmentStore(options)
    }
  }
}
