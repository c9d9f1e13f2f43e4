// MLS working group vectors for the cryptographic building blocks (cipher suite 3, or suite
// independent): crypto-basics, tree-math, deserialization, secret-tree, key-schedule, psk_secret,
// transcript-hashes. They run against the patched ts-mls with the node:crypto provider.
import { beforeAll, describe, expect, it } from "vitest"
import {
  contentTypes,
  decode,
  defaultKeyRetentionConfig,
  encode,
  pskTypes,
  type CiphersuiteImpl,
  type GroupContext,
  type PskId,
} from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import { hex, loadVectors, toHex } from "./vectors/load"
import {
  authenticatedContentDecoder,
  computePskSecret,
  createConfirmationTag,
  createConfirmedHash,
  createInterimHash,
  createSecretTree,
  decryptWithLabel,
  deriveSecret,
  deriveTreeSecret,
  determineLength,
  encryptWithLabel,
  expandSenderDataKey,
  expandSenderDataNonce,
  expandWithLabel,
  groupContextEncoder,
  initializeEpoch,
  left,
  parent,
  ratchetToGeneration,
  refhash,
  right,
  root,
  sibling,
  signWithLabel,
  verifyWithLabel,
} from "./vectors/tsmlsInternals"

let cs: CiphersuiteImpl
beforeAll(async () => {
  cs = await xmtpCiphersuite()
})

describe("crypto-basics (suite 3)", () => {
  interface CryptoBasics {
    ref_hash: { label: string; value: string; out: string }
    expand_with_label: { secret: string; label: string; context: string; length: number; out: string }
    derive_secret: { secret: string; label: string; out: string }
    derive_tree_secret: { secret: string; label: string; generation: number; length: number; out: string }
    sign_with_label: { priv: string; pub: string; content: string; label: string; signature: string }
    encrypt_with_label: { priv: string; pub: string; label: string; context: string; plaintext: string; kem_output: string; ciphertext: string }
  }
  const [vector] = loadVectors<CryptoBasics>("crypto-basics") as [CryptoBasics]

  it("RefHash, ExpandWithLabel, DeriveSecret, DeriveTreeSecret", async () => {
    const { ref_hash, expand_with_label: ewl, derive_secret: ds, derive_tree_secret: dts } = vector
    expect(toHex(await refhash(ref_hash.label, hex(ref_hash.value), cs.hash))).toBe(ref_hash.out)
    expect(toHex(await expandWithLabel(hex(ewl.secret), ewl.label, hex(ewl.context), ewl.length, cs.kdf))).toBe(ewl.out)
    expect(toHex(await deriveSecret(hex(ds.secret), ds.label, cs.kdf))).toBe(ds.out)
    expect(toHex(await deriveTreeSecret(hex(dts.secret), dts.label, dts.generation, dts.length, cs.kdf))).toBe(dts.out)
  })

  it("SignWithLabel / VerifyWithLabel (Ed25519 is deterministic, so the signature matches)", async () => {
    const { priv, pub, content, label, signature } = vector.sign_with_label
    expect(await verifyWithLabel(hex(pub), label, hex(content), hex(signature), cs.signature)).toBe(true)
    expect(toHex(await signWithLabel(hex(priv), label, hex(content), cs.signature))).toBe(signature)
  })

  it("EncryptWithLabel / DecryptWithLabel", async () => {
    const { priv, pub, label, context, plaintext, kem_output, ciphertext } = vector.encrypt_with_label
    const privateKey = await cs.hpke.importPrivateKey(hex(priv))
    expect(toHex(await decryptWithLabel(privateKey, label, hex(context), hex(kem_output), hex(ciphertext), cs.hpke))).toBe(plaintext)
    const sealed = await encryptWithLabel(await cs.hpke.importPublicKey(hex(pub)), label, hex(context), hex(plaintext), cs.hpke)
    expect(toHex(await decryptWithLabel(privateKey, label, hex(context), sealed.enc, sealed.ct, cs.hpke))).toBe(plaintext)
  })
})

describe("tree-math", () => {
  interface TreeMath { n_leaves: number; n_nodes: number; root: number; left: (number | null)[]; right: (number | null)[]; parent: (number | null)[]; sibling: (number | null)[] }
  for (const vector of loadVectors<TreeMath>("tree-math")) {
    it(`${vector.n_leaves} leaves`, () => {
      expect(root(vector.n_leaves)).toBe(vector.root)
      for (let x = 0; x < vector.n_nodes; x++) {
        const isLeaf = x % 2 === 0
        const node = x as Parameters<typeof left>[0]
        if (!isLeaf) {
          expect(left(node)).toBe(vector.left[x])
          expect(right(node)).toBe(vector.right[x])
        }
        if (x !== vector.root) {
          expect(parent(node, vector.n_leaves)).toBe(vector.parent[x])
          expect(sibling(node, vector.n_leaves)).toBe(vector.sibling[x])
        }
      }
    })
  }
})

describe("deserialization (variable-length integer headers)", () => {
  it("decodes every vlbytes header to its length", () => {
    for (const { vlbytes_header, length } of loadVectors<{ vlbytes_header: string; length: number }>("deserialization")) {
      expect(determineLength(hex(vlbytes_header)).length).toBe(length)
    }
  })
})

describe("secret-tree (suite 3)", () => {
  interface LeafGeneration { generation: number; handshake_key: string; handshake_nonce: string; application_key: string; application_nonce: string }
  interface SecretTreeVector {
    encryption_secret: string
    sender_data: { sender_data_secret: string; ciphertext: string; key: string; nonce: string }
    leaves: LeafGeneration[][]
  }
  loadVectors<SecretTreeVector>("secret-tree").forEach((vector, index) => {
    it(`case ${index}: ${vector.leaves.length} leaves`, async () => {
      const { sender_data_secret, ciphertext, key, nonce } = vector.sender_data
      expect(toHex(await expandSenderDataKey(cs, hex(sender_data_secret), hex(ciphertext)))).toBe(key)
      expect(toHex(await expandSenderDataNonce(cs, hex(sender_data_secret), hex(ciphertext)))).toBe(nonce)

      const config = { ...defaultKeyRetentionConfig, maximumForwardRatchetSteps: 1 << 20 }
      // An all-zero reuse guard leaves the nonce as the secret tree derives it.
      const reuseGuard = new Uint8Array(4) as Parameters<typeof ratchetToGeneration>[1]["reuseGuard"]
      for (const [leafIndex, generations] of vector.leaves.entries()) {
        for (const g of generations) {
          const tree = createSecretTree(vector.leaves.length, hex(vector.encryption_secret))
          const senderData = { leafIndex, generation: g.generation, reuseGuard }
          const handshake = await ratchetToGeneration(tree, senderData, contentTypes.commit, config, cs)
          const application = await ratchetToGeneration(tree, senderData, contentTypes.application, config, cs)
          expect([toHex(handshake.key), toHex(handshake.nonce)]).toEqual([g.handshake_key, g.handshake_nonce])
          expect([toHex(application.key), toHex(application.nonce)]).toEqual([g.application_key, g.application_nonce])
        }
      }
    })
  })
})

describe("key-schedule (suite 3)", () => {
  interface Epoch {
    tree_hash: string; commit_secret: string; psk_secret: string; confirmed_transcript_hash: string; group_context: string
    joiner_secret: string; welcome_secret: string; init_secret: string; sender_data_secret: string; encryption_secret: string
    exporter_secret: string; epoch_authenticator: string; external_secret: string; confirmation_key: string
    membership_key: string; resumption_psk: string; external_pub: string
  }
  const [vector] = loadVectors<{ group_id: string; initial_init_secret: string; epochs: Epoch[] }>("key-schedule")

  it("derives every epoch's secrets from the previous init_secret", async () => {
    let initSecret = hex(vector!.initial_init_secret)
    for (const [epoch, e] of vector!.epochs.entries()) {
      const groupContext: GroupContext = {
        version: 1,
        cipherSuite: 3,
        groupId: hex(vector!.group_id),
        epoch: BigInt(epoch),
        treeHash: hex(e.tree_hash),
        confirmedTranscriptHash: hex(e.confirmed_transcript_hash),
        extensions: [],
      }
      expect(toHex(encode(groupContextEncoder, groupContext))).toBe(e.group_context)
      const secrets = await initializeEpoch(initSecret, hex(e.commit_secret), groupContext, hex(e.psk_secret), cs.kdf)
      const ks = secrets.keySchedule
      expect({
        joiner: toHex(secrets.joinerSecret), welcome: toHex(secrets.welcomeSecret), encryption: toHex(secrets.encryptionSecret),
        init: toHex(ks.initSecret), senderData: toHex(ks.senderDataSecret), exporter: toHex(ks.exporterSecret),
        authenticator: toHex(ks.epochAuthenticator), external: toHex(ks.externalSecret), confirmation: toHex(ks.confirmationKey),
        membership: toHex(ks.membershipKey), resumption: toHex(ks.resumptionPsk),
      }).toEqual({
        joiner: e.joiner_secret, welcome: e.welcome_secret, encryption: e.encryption_secret,
        init: e.init_secret, senderData: e.sender_data_secret, exporter: e.exporter_secret,
        authenticator: e.epoch_authenticator, external: e.external_secret, confirmation: e.confirmation_key,
        membership: e.membership_key, resumption: e.resumption_psk,
      })
      const externalPair = await cs.hpke.deriveKeyPair(ks.externalSecret)
      expect(toHex(await cs.hpke.exportPublicKey(externalPair.publicKey))).toBe(e.external_pub)
      initSecret = ks.initSecret
    }
  })
})

describe("psk_secret (suite 3)", () => {
  interface PskVector { psks: { psk_id: string; psk: string; psk_nonce: string }[]; psk_secret: string }
  loadVectors<PskVector>("psk_secret").forEach((vector, index) => {
    it(`case ${index}: ${vector.psks.length} external PSKs`, async () => {
      const psks: [PskId, Uint8Array][] = vector.psks.map(({ psk_id, psk, psk_nonce }) => [
        { psktype: pskTypes.external, pskId: hex(psk_id), pskNonce: hex(psk_nonce) },
        hex(psk),
      ])
      expect(toHex(await computePskSecret(psks, cs))).toBe(vector.psk_secret)
    })
  })
})

describe("transcript-hashes (suite 3)", () => {
  interface TranscriptVector {
    confirmation_key: string; authenticated_content: string; interim_transcript_hash_before: string
    confirmed_transcript_hash_after: string; interim_transcript_hash_after: string
  }
  const [vector] = loadVectors<TranscriptVector>("transcript-hashes") as [TranscriptVector]

  it("confirmed and interim transcript hashes, and the confirmation tag", async () => {
    const content = decode(authenticatedContentDecoder, hex(vector.authenticated_content))
    if (content?.content.contentType !== contentTypes.commit || content.auth.contentType !== contentTypes.commit) {
      throw new Error("expected an authenticated commit")
    }
    const confirmed = await createConfirmedHash(
      hex(vector.interim_transcript_hash_before),
      { wireformat: content.wireformat, content: content.content, signature: content.auth.signature },
      cs.hash,
    )
    expect(toHex(confirmed)).toBe(vector.confirmed_transcript_hash_after)
    expect(toHex(await createConfirmationTag(hex(vector.confirmation_key), confirmed, cs.hash))).toBe(toHex(content.auth.confirmationTag))
    expect(toHex(await createInterimHash(confirmed, content.auth.confirmationTag, cs.hash))).toBe(vector.interim_transcript_hash_after)
  })
})
