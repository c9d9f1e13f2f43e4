// The typed bridge: exposes exactly the contract's requests on window.parley, nothing else.
import { contextBridge, ipcRenderer } from "electron"
import { requestNames, type ParleyApi } from "../shared/contract"

const api = Object.fromEntries(
  requestNames.map((name) => [name, (...args: unknown[]) => ipcRenderer.invoke(name, ...args)]),
) as ParleyApi

contextBridge.exposeInMainWorld("parley", api)
