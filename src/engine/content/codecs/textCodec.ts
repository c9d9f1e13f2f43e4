// xmtp.org/text:1.0, the default content type.
import { CONTENT_TYPE_IDS } from "./ids"
import { utf8TextCodec } from "./utf8TextCodec"

export const textCodec = utf8TextCodec(CONTENT_TYPE_IDS.text)
