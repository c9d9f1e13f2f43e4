// A form dialog's footer: Cancel, and the submit button of the form in the dialog's body (bound by
// its id, since the footer sits outside the form), which names what is under way while busy.
export function DialogFormFooter({
  formId,
  onCancel,
  label,
  busyLabel,
  busy,
  disabled = busy,
}: {
  formId: string
  onCancel: () => void
  label: string
  busyLabel: string
  busy: boolean
  disabled?: boolean
}) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" form={formId} className="button button--primary" disabled={disabled}>
        {busy ? busyLabel : label}
      </button>
    </>
  )
}
