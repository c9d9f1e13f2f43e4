// How an inbox is named wherever Parley shows one (the window, notifications, the tray). XMTP has
// no display names: an inbox is shown by its account address (short form), or by its inbox id
// until the address is known.

export function shortHex(value: string, head = 6, tail = 4): string {
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`
}

export function inboxDisplayName(inboxId: string, address: string | undefined): string {
  return address ? shortHex(address) : `Inbox ${shortHex(inboxId, 4, 4)}`
}
