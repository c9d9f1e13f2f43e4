// RPCs in the MlsApi definition that node-go answers with UNIMPLEMENTED ("unimplemented"):
// RevokeInstallation and the V3-era GetIdentityUpdates (identity now lives in IdentityApi).
// Methods absent from the definitions this node registers (e.g. the newer bidirectional
// MlsApi/Subscribe) get grpc-js's own UNIMPLEMENTED, as node-go's embedded stub gives.
import { mlsApi, type MlsApiTypes } from "../../engine/proto/index"
import { unimplemented } from "../errors"
import { emptyCodec, methodDefinition, type Empty } from "../grpc/methods"
import type { UnaryRpc } from "./context"

const SERVICE = "xmtp.mls.api.v1.MlsApi"

export const revokeInstallation: UnaryRpc<MlsApiTypes.RevokeInstallationRequest, Empty> = {
  kind: "unary",
  definition: methodDefinition(SERVICE, "RevokeInstallation", mlsApi.RevokeInstallationRequest, emptyCodec),
  describe: () => "",
  handle: async () => {
    throw unimplemented()
  },
}

export const legacyGetIdentityUpdates: UnaryRpc<
  MlsApiTypes.GetIdentityUpdatesRequest,
  MlsApiTypes.GetIdentityUpdatesResponse
> = {
  kind: "unary",
  definition: methodDefinition(SERVICE, "GetIdentityUpdates", mlsApi.GetIdentityUpdatesRequest, mlsApi.GetIdentityUpdatesResponse),
  describe: () => "",
  handle: async () => {
    throw unimplemented()
  },
}
