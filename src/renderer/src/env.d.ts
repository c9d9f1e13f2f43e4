// Vite handles stylesheet and asset imports in the renderer.
/// <reference types="vite/client" />
