// Fans stored envelopes out to live subscriptions by topic. Writers publish right after their
// transaction commits, in commit order, so every listener sees a topic's envelopes in id order.
// Listeners run synchronously and must not throw.
export type TopicListener<T> = (item: T) => void

export class TopicBus<T> {
  private readonly listeners = new Map<string, Set<TopicListener<T>>>()

  /** Registers `listener` on every topic; returns the function that removes it. */
  subscribe(topics: Iterable<string>, listener: TopicListener<T>): () => void {
    const registered = [...new Set(topics)]
    for (const topic of registered) {
      let set = this.listeners.get(topic)
      if (!set) this.listeners.set(topic, (set = new Set()))
      set.add(listener)
    }
    return () => {
      for (const topic of registered) {
        const set = this.listeners.get(topic)
        set?.delete(listener)
        if (set?.size === 0) this.listeners.delete(topic)
      }
    }
  }

  publish(topic: string, item: T): void {
    const set = this.listeners.get(topic)
    if (!set) return
    for (const listener of [...set]) listener(item)
  }

  /** Topics with at least one listener (for leak checks). */
  get topicCount(): number {
    return this.listeners.size
  }
}
