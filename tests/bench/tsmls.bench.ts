// ts-mls at XMTP's scale, ts-mls's default (WebCrypto) provider against Parley's node:crypto one.
// Run: npm run bench -- tsmls
// Prints figures only; nothing here passes or fails. Each provider runs in its own child process
// so that its peak resident memory (the process's high-water mark) is its own.
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import {
  createApplicationMessage,
  createCommit,
  createGroup,
  defaultCapabilities,
  defaultCredentialTypes,
  defaultCryptoProvider,
  defaultProposalTypes,
  generateKeyPackage,
  getCiphersuiteImpl,
  joinGroup,
  processMessage,
  unsafeTestingAuthenticationService,
  type CryptoProvider,
  type MlsContext,
} from "ts-mls"
import { XMTP_CIPHERSUITE_NAME, xmtpClientConfig } from "../../src/engine/mls/ciphersuite"
import { nodeCryptoProvider } from "../../src/engine/mls/cryptoProvider"
import type { BenchReport } from "./run"

const providers: Record<string, CryptoProvider> = { default: defaultCryptoProvider, "node:crypto": nodeCryptoProvider }

interface StepFigure {
  step: string
  ms: number
  peakRssMb: number
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
const peakRssMb = () => mb(process.resourceUsage().maxRSS * 1024)

async function measure(providerName: string, members: number, messages: number): Promise<StepFigure[]> {
  const provider = providers[providerName]
  if (provider === undefined) throw new Error(`unknown provider ${providerName}`)
  const cipherSuite = await getCiphersuiteImpl(XMTP_CIPHERSUITE_NAME, provider)
  const context: MlsContext = { cipherSuite, authService: unsafeTestingAuthenticationService, clientConfig: xmtpClientConfig }
  const figures: StepFigure[] = []
  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now()
    const result = await run()
    figures.push({ step: name, ms: performance.now() - started, peakRssMb: peakRssMb() })
    return result
  }

  const keyPackages = await step(`${members} key packages`, () =>
    Promise.all(
      Array.from({ length: members }, (_, i) =>
        generateKeyPackage({
          credential: { credentialType: defaultCredentialTypes.basic, identity: new TextEncoder().encode(`member ${i}`) },
          capabilities: defaultCapabilities(),
          cipherSuite,
        }),
      ),
    ),
  )
  const [creator, joiner, ...rest] = keyPackages
  if (creator === undefined || joiner === undefined) throw new Error("need at least two members")

  const added = await step(`one commit adding ${members - 1} + welcome`, async () => {
    const created = await createGroup({
      context,
      groupId: new TextEncoder().encode("bench"),
      keyPackage: creator.publicPackage,
      privateKeyPackage: creator.privatePackage,
    })
    return createCommit({
      context,
      state: created,
      ratchetTreeExtension: true,
      extraProposals: [joiner, ...rest].map((kp) => ({ proposalType: defaultProposalTypes.add, add: { keyPackage: kp.publicPackage } })),
    })
  })
  if (added.welcome === undefined) throw new Error("no welcome")
  const welcome = added.welcome.welcome

  const joined = await step("join from that welcome", () =>
    joinGroup({ context, welcome, keyPackage: joiner.publicPackage, privateKeys: joiner.privatePackage }),
  )

  const update = await step("(creator commits a self-update)", () => createCommit({ context, state: added.newState }))
  const member = await step("a member processes that commit", async () => {
    const result = await processMessage({ context, state: joined, message: update.commit })
    return result.newState
  })

  const payload = new Uint8Array(200).fill(0x61)
  let sender = update.newState
  const sent = await step(`${messages} messages of 200 B: encrypt`, async () => {
    const out = []
    for (let i = 0; i < messages; i++) {
      const result = await createApplicationMessage({ context, state: sender, message: payload })
      sender = result.newState
      out.push(result.message)
    }
    return out
  })
  await step(`${messages} messages of 200 B: decrypt`, async () => {
    let receiver = member
    for (const message of sent) {
      const result = await processMessage({ context, state: receiver, message })
      if (result.kind !== "applicationMessage") throw new Error("expected an application message")
      receiver = result.newState
    }
  })
  return figures
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`
}

/** `npm run bench -- tsmls`: both providers, each in its own child process. */
export async function run(members = 400, messages = 1000): Promise<BenchReport> {
  const self = fileURLToPath(import.meta.url)
  const results: Record<string, StepFigure[]> = {}
  for (const name of Object.keys(providers)) {
    const output = execFileSync(process.execPath, [...process.execArgv, self, "child", name, String(members), String(messages)], {
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    })
    results[name] = JSON.parse(output) as StepFigure[]
  }
  const [defaults = [], ours = []] = [results["default"], results["node:crypto"]]
  return {
    title: `ts-mls 2.0.0-rc.10 (patched), ciphersuite 3, ${members} members: default provider vs node:crypto`,
    rows: defaults.map((figure, i) => {
      const mine = ours[i]
      return {
        step: figure.step,
        default: formatMs(figure.ms),
        "node:crypto": mine ? formatMs(mine.ms) : "-",
        "speed-up": mine ? `${(figure.ms / mine.ms).toFixed(1)}x` : "-",
        "peak RSS default / node:crypto": `${figure.peakRssMb} / ${mine?.peakRssMb ?? "-"} MB`,
      }
    }),
    notes: ["peak RSS is each child process's high-water mark so far"],
  }
}

// Child mode: `tsx tests/bench/tsmls.bench.ts child PROVIDER MEMBERS MESSAGES` prints JSON figures.
if (process.argv[2] === "child" && process.argv[1] === fileURLToPath(import.meta.url)) {
  const [providerName = "", members, messages] = process.argv.slice(3)
  process.stdout.write(JSON.stringify(await measure(providerName, Number(members), Number(messages))))
}
