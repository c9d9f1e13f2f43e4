// The permission editor: a preset ("Everyone", "Admins only") or custom rules, one per action.
// Only super admins may change them; everyone else sees the rules with the controls disabled and
// the reason. Applying a preset takes one commit per rule it changes, so its progress is shown.
import { useState } from "react"
import type { GroupPermissions, PermissionPolicy, PermissionUpdate } from "../../../../shared/dto/permissions"
import { FormError } from "../../components/FormError"
import type { GroupRights } from "../../lib/groupRights"
import { useAsyncAction } from "../../lib/useAsyncAction"
import { loadPermissions, updatePermission } from "../../store/actions"
import type { Loadable } from "../../store/store"
import { DisabledReason } from "./DisabledReason"
import type { GroupSummary } from "./groupSummary"
import { choicesFor, POLICY_ROWS, type PolicyRow, PRESETS, type PresetName, presetUpdates } from "./permissionPresets"

type Choice = PresetName | "custom"
type Work = { label: string; target: Choice; done: number; total: number }

const REASON_ID = "permissions-reason"

export function PermissionsSection({ group, rights, permissions }: { group: GroupSummary; rights: GroupRights; permissions: Loadable<GroupPermissions> | undefined }) {
  const [work, setWork] = useState<Work | null>(null)
  const { error, run } = useAsyncAction()
  const [customChosen, setCustomChosen] = useState(false)

  async function apply(label: string, target: Choice, updates: PermissionUpdate[]) {
    if (updates.length === 0) return
    setWork({ label, target, done: 0, total: updates.length })
    const applied = await run(async () => {
      for (const [index, update] of updates.entries()) {
        await updatePermission(group.id, update)
        setWork({ label, target, done: index + 1, total: updates.length })
      }
    })
    // A partly applied preset leaves the group between presets: show what it has now.
    if (!applied) void loadPermissions(group.id)
    setWork(null)
  }

  let body
  if (!permissions || permissions.status === "loading") body = <p className="group-settings__muted">Loading permissions…</p>
  else if (permissions.status === "failed")
    body = (
      <div className="group-settings__unavailable" role="status">
        <p>{permissions.message}</p>
        <button type="button" className="button button--small" onClick={() => void loadPermissions(group.id)}>
          Try again
        </button>
      </div>
    )
  else {
    const value = permissions.value
    const preset: Choice = value.policyType === "customPolicy" ? "custom" : value.policyType
    const chosen: Choice = work?.target ?? (customChosen ? "custom" : preset)
    const locked = !rights.editPermissions.allowed || work !== null
    const choose = (choice: Choice) => {
      setCustomChosen(choice === "custom")
      if (choice !== "custom") void apply(`Applying “${PRESETS[choice].label}”`, choice, presetUpdates(value.policySet, choice))
    }
    const changeRule = (row: PolicyRow, policy: PermissionPolicy) => void apply(`Changing “${row.label}”`, chosen, [row.update(policy)])
    body = (
      <>
        <DisabledReason id={REASON_ID} right={rights.editPermissions} />
        <fieldset className="presets" disabled={locked} aria-describedby={rights.editPermissions.allowed ? undefined : REASON_ID}>
          <legend className="visually-hidden">Who manages this group</legend>
          {(["default", "adminOnly", "custom"] as const).map((choice) => (
            // The preset's name is the radio's name; its longer description is read as its description.
            <label key={choice} className={`preset${chosen === choice ? " preset--chosen" : ""}`}>
              <input
                type="radio"
                name={`preset-${group.id}`}
                value={choice}
                checked={chosen === choice}
                aria-labelledby={`preset-label-${choice}`}
                aria-describedby={`preset-description-${choice}`}
                onChange={() => choose(choice)}
              />
              <span className="preset__text">
                <span id={`preset-label-${choice}`} className="preset__label">
                  {choice === "custom" ? "Custom" : PRESETS[choice].label}
                </span>
                <span id={`preset-description-${choice}`} className="preset__description">
                  {choice === "custom" ? "Choose who may do each thing below." : PRESETS[choice].description}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        {work && (
          <div className="permission-progress" role="status">
            <span>
              {work.label}: {work.done} of {work.total} {work.total === 1 ? "change" : "changes"}…
            </span>
            <progress max={work.total} value={work.done} aria-label={work.label} />
          </div>
        )}
        <dl className="permission-list" aria-label="Rules">
          {POLICY_ROWS.filter((row) => row.listed).map((row) => {
            const id = `permission-${row.key}`
            const current = value.policySet[row.key]
            const choices = choicesFor(row.key)
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
                    disabled={locked}
                    aria-describedby={rights.editPermissions.allowed ? undefined : REASON_ID}
                    onChange={(event) => changeRule(row, event.target.value as PermissionPolicy)}
                  >
                    {!choices.some((choice) => choice.value === current) && <option value={current}>{current === "doesNotExist" ? "Not set" : "Special rule"}</option>}
                    {choices.map((choice) => (
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
  }

  return (
    <section className="group-settings__section" aria-labelledby="permissions-heading">
      <h3 id="permissions-heading" className="group-settings__heading">
        Permissions
      </h3>
      <FormError error={error} />
      {body}
    </section>
  )
}
