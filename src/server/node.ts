// Placeholder replaced by the delivery node implementation.
export interface RunningNode {
  address: string
  port: number
  stop(): Promise<void>
}
export declare function startNode(options: { port: number; dbPath: string }): Promise<RunningNode>
