// The services this node serves, keyed by their full gRPC names.
import type { RpcService } from "./context"
import { batchPublishCommitLog, batchQueryCommitLog } from "./commitLog"
import { getNewestGroupMessage, queryGroupMessages, sendGroupMessages } from "./groupMessages"
import { getIdentityUpdates, getInboxIds, publishIdentityUpdate, verifySmartContractWalletSignatures } from "./identity"
import { fetchKeyPackages, registerInstallation, uploadKeyPackage } from "./keyPackages"
import { fetchD14nCutover } from "./migration"
import { subscribeGroupMessages, subscribeWelcomeMessages } from "./subscriptions"
import { legacyGetIdentityUpdates, revokeInstallation } from "./unimplemented"
import { queryWelcomeMessages, sendWelcomeMessages } from "./welcomeMessages"

export const nodeServices: RpcService[] = [
  {
    name: "xmtp.mls.api.v1.MlsApi",
    rpcs: {
      SendGroupMessages: sendGroupMessages,
      SendWelcomeMessages: sendWelcomeMessages,
      RegisterInstallation: registerInstallation,
      UploadKeyPackage: uploadKeyPackage,
      FetchKeyPackages: fetchKeyPackages,
      RevokeInstallation: revokeInstallation,
      GetIdentityUpdates: legacyGetIdentityUpdates,
      QueryGroupMessages: queryGroupMessages,
      QueryWelcomeMessages: queryWelcomeMessages,
      SubscribeGroupMessages: subscribeGroupMessages,
      SubscribeWelcomeMessages: subscribeWelcomeMessages,
      BatchPublishCommitLog: batchPublishCommitLog,
      BatchQueryCommitLog: batchQueryCommitLog,
      GetNewestGroupMessage: getNewestGroupMessage,
    },
  },
  {
    name: "xmtp.identity.api.v1.IdentityApi",
    rpcs: {
      PublishIdentityUpdate: publishIdentityUpdate,
      GetIdentityUpdates: getIdentityUpdates,
      GetInboxIds: getInboxIds,
      VerifySmartContractWalletSignatures: verifySmartContractWalletSignatures,
    },
  },
  {
    name: "xmtp.migration.api.v1.D14nMigrationApi",
    rpcs: { FetchD14nCutover: fetchD14nCutover },
  },
]
