/** An error for the reader, announced at once (role="alert"). */
export function Alert(props: { message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p role="alert" className="alert">
      {props.message}
    </p>
  );
}
