// UploadKeyPackage, RegisterInstallation (deprecated, still served) and FetchKeyPackages
// (node-go service.go). A key package is validated as an inbox-id credential package whatever
// `is_inbox_id_credential` says, then replaces the installation's previous one.
import { mlsApi, type MlsApiTypes } from "../../engine/proto/index"
import { invalidArgument } from "../errors"
import { emptyCodec, methodDefinition, type Empty } from "../grpc/methods"
import { shortHex } from "../topics"
import type { RpcContext, UnaryRpc } from "./context"
import { validated } from "./validation"

const SERVICE = "xmtp.mls.api.v1.MlsApi"

async function storeKeyPackage(
  upload: MlsApiTypes.KeyPackageUpload | undefined,
  context: RpcContext,
): Promise<Uint8Array> {
  if (!upload) throw invalidArgument("no key package")
  const bytes = upload.keyPackageTlsSerialized
  const { installationKey } = await validated("invalid identity", context, () => context.validators.validateKeyPackage(bytes))
  await context.store.saveKeyPackage(installationKey, bytes)
  return installationKey
}

const describeUpload = (request: { keyPackage?: MlsApiTypes.KeyPackageUpload | undefined }): string =>
  request.keyPackage ? `key package ${request.keyPackage.keyPackageTlsSerialized.length} B` : "no key package"

export const uploadKeyPackage: UnaryRpc<MlsApiTypes.UploadKeyPackageRequest, Empty> = {
  kind: "unary",
  definition: methodDefinition(SERVICE, "UploadKeyPackage", mlsApi.UploadKeyPackageRequest, emptyCodec),
  describe: describeUpload,
  async handle(request, context) {
    await storeKeyPackage(request.keyPackage, context)
    return {}
  },
}

export const registerInstallation: UnaryRpc<
  MlsApiTypes.RegisterInstallationRequest,
  MlsApiTypes.RegisterInstallationResponse
> = {
  kind: "unary",
  definition: methodDefinition(
    SERVICE,
    "RegisterInstallation",
    mlsApi.RegisterInstallationRequest,
    mlsApi.RegisterInstallationResponse,
  ),
  describe: describeUpload,
  async handle(request, context) {
    return { installationKey: await storeKeyPackage(request.keyPackage, context) }
  },
}

/** One entry per requested installation, in order; an empty entry where none is stored. */
export const fetchKeyPackages: UnaryRpc<MlsApiTypes.FetchKeyPackagesRequest, MlsApiTypes.FetchKeyPackagesResponse> = {
  kind: "unary",
  definition: methodDefinition(SERVICE, "FetchKeyPackages", mlsApi.FetchKeyPackagesRequest, mlsApi.FetchKeyPackagesResponse),
  describe: (request) =>
    `${request.installationKeys.length} installation(s) ${request.installationKeys.slice(0, 3).map(shortHex).join(",")}`,
  async handle(request, context) {
    const keyPackages = await context.store.fetchKeyPackages(request.installationKeys)
    return { keyPackages: keyPackages.map((bytes) => ({ keyPackageTlsSerialized: bytes ?? new Uint8Array() })) }
  },
}
