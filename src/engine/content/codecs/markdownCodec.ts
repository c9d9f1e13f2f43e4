// xmtp.org/markdown:1.0: text to render as Markdown.
import { CONTENT_TYPE_IDS } from "./ids"
import { utf8TextCodec } from "./utf8TextCodec"

export const markdownCodec = utf8TextCodec(CONTENT_TYPE_IDS.markdown)
