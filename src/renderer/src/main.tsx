import { StrictMode } from "react"
import { createRoot } from "react-dom/client"
import { App } from "./app/App"
import { installWebSocketBridge } from "./bridge/webSocketBridge"
import "./styles/base.css"

// Electron's preload defines window.parley before any page script runs; only a page served by the
// web host reaches this branch.
if (!window.parley) installWebSocketBridge()

const root = document.getElementById("root")
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>)
