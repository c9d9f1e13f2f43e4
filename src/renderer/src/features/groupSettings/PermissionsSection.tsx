// The group's permission policies, one per action; only super admins may change them.
import { useState } from "react"
import type { GroupPermissions, PermissionPolicy, PermissionPolicySet, PermissionUpdate } from "../../../../shared/dto/permissions"
import { Icon } from "../../components/Icon"
import { errorMessage } from "../../lib/errors"
import type { GroupRights } from "../../lib/groupRights"
import { loadPermissions, updatePermission } from "../../store/actions"
import type { Loadable } from "../../store/store"
import { DisabledReason } from "./DisabledReason"
import type { GroupSummary } from "./groupSummary"

type Row = { key: keyof PermissionPolicySet; label: string; update: (policy: PermissionPolicy) => PermissionUpdate }

const ROWS: Row[] = [
  { key: "addMemberPolicy", label: "Add members", update: (policy) => ({ type: "addMember", policy }) },
  { key: "removeMemberPolicy", label: "Remove members", update: (policy) => ({ type: "removeMember", policy }) },
  { key: "addAdminPolicy", label: "Make admins", update: (policy) => ({ type: "addAdmin", policy }) },
  { key: "removeAdminPolicy", label: "Remove admins", update: (policy) => ({ type: "removeAdmin", policy }) },
  { key: "updateGroupNamePolicy", label: "Rename the group", update: (policy) => ({ type: "updateMetadata", policy, metadataField: "groupName" }) },
  { key: "updateGroupDescriptionPolicy", label: "Edit the description", update: (policy) => ({ type: "updateMetadata", policy, metadataField: "description" }) },
  { key: "updateGroupImageUrlSquarePolicy", label: "Change the picture", update: (policy) => ({ type: "updateMetadata", policy, metadataField: "groupImageUrlSquare" }) },
  {
    key: "updateMessageDisappearingPolicy",
    label: "Disappearing messages",
    update: (policy) => ({ type: "updateMetadata", policy, metadataField: "messageExpirationInNs" }),
  },
]

const CHOICES: { value: PermissionPolicy; label: string }[] = [
  { value: "allow", label: "Everyone" },
  { value: "admin", label: "Admins" },
  { value: "superAdmin", label: "Super admins" },
  { value: "deny", label: "Nobody" },
]

export function PermissionsSection({ group, rights, permissions }: { group: GroupSummary; rights: GroupRights; permissions: Loadable<GroupPermissions> | undefined }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function change(row: Row, policy: PermissionPolicy) {
    setBusy(true)
    setError(null)
    try {
      await updatePermission(group.id, row.update(policy))
    } catch (caught) {
      setError(errorMessage(caught))
    } finally {
      setBusy(false)
    }
  }

  let body
  if (!permissions || permissions.status === "loading") body = <p className="group-settings__muted">Loading permissions…</p>
  else if (permissions.status === "failed")
    body = (
      <div className="group-settings__unavailable" role="status">
        <p>{permissions.code === "NotAvailable" ? "Viewing and changing permissions isn't available in this version of Parley yet." : permissions.message}</p>
        {permissions.code !== "NotAvailable" && (
          <button type="button" className="button button--small" onClick={() => void loadPermissions(group.id)}>
            Try again
          </button>
        )}
      </div>
    )
  else
    body = (
      <>
        <p className="group-settings__muted">
          {permissions.value.policyType === "adminOnly" ? "Preset: admins only" : permissions.value.policyType === "default" ? "Preset: everyone" : "Custom permissions"}
        </p>
        <DisabledReason id="permissions-reason" right={rights.editPermissions} />
        <dl className="permission-list">
          {ROWS.map((row) => {
            const id = `permission-${row.key}`
            const current = permissions.value.policySet[row.key]
            return (
              <div key={row.key} className="permission-list__row">
                <dt>
                  <label htmlFor={id}>{row.label}</label>
                </dt>
                <dd>
                  <select
                    id={id}
                    className="select"
                    value={current}
                    disabled={!rights.editPermissions.allowed || busy}
                    aria-describedby={rights.editPermissions.allowed ? undefined : "permissions-reason"}
                    onChange={(event) => void change(row, event.target.value as PermissionPolicy)}
                  >
                    {!CHOICES.some((choice) => choice.value === current) && <option value={current}>{current}</option>}
                    {CHOICES.map((choice) => (
                      <option key={choice.value} value={choice.value}>
                        {choice.label}
                      </option>
                    ))}
                  </select>
                </dd>
              </div>
            )
          })}
        </dl>
      </>
    )

  return (
    <section className="group-settings__section" aria-labelledby="permissions-heading">
      <h3 id="permissions-heading" className="group-settings__heading">
        Permissions
      </h3>
      {error && (
        <div className="form-error" role="alert">
          <Icon name="alert" size={16} />
          <span>{error}</span>
        </div>
      )}
      {body}
    </section>
  )
}
