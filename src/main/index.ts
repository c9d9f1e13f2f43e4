// Electron main process: a thin shell. It owns the window and lifecycle, starts the embedded
// delivery node, and answers the typed IPC contract.
import { join } from "node:path"
import { app, BrowserWindow, ipcMain, shell } from "electron"
import { contract, parseRequest, type RequestName } from "../shared/contract"
import { startNode, type RunningNode } from "../server/node"

const profile = readProfileArg(process.argv) ?? "default"
let node: RunningNode | undefined

function readProfileArg(argv: string[]): string | undefined {
  const i = argv.indexOf("--profile")
  const name = i >= 0 ? argv[i + 1] : undefined
  return name && /^[A-Za-z0-9_-]{1,64}$/.test(name) ? name : undefined
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    title: "Parley",
    webPreferences: {
      preload: join(__dirname, "../preload/index.mjs"),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith("https://")) void shell.openExternal(url)
    return { action: "deny" }
  })
  win.webContents.on("will-navigate", (event) => event.preventDefault())
  if (process.env["ELECTRON_RENDERER_URL"]) void win.loadURL(process.env["ELECTRON_RENDERER_URL"])
  else void win.loadFile(join(__dirname, "../renderer/index.html"))
}

const handlers: { [N in RequestName]: () => Promise<unknown> } = {
  "app:getInfo": async () => ({ version: app.getVersion(), nodeAddress: node?.address ?? "", profile }),
}

function registerIpc(): void {
  for (const name of Object.keys(contract) as RequestName[]) {
    ipcMain.handle(name, async (_event, ...args: unknown[]) => {
      parseRequest(name, args)
      return contract[name].result.parse(await handlers[name]())
    })
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  app.setPath("userData", join(app.getPath("appData"), "Parley", profile))
  void app.whenReady().then(async () => {
    node = await startNode({ port: 0, dbPath: join(app.getPath("userData"), "node.db") })
    registerIpc()
    createWindow()
  })
  app.on("window-all-closed", () => app.quit())
  app.on("will-quit", () => void node?.stop())
}
