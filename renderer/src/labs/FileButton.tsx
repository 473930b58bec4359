/**
 * A button that opens the system's file picker: the real file input stays hidden (its look cannot
 * be styled) and the button clicks it. Choosing the same file twice still reports it, since the
 * input is cleared after each choice.
 */
import { useRef, type ReactElement, type ReactNode } from 'react';

interface Props {
  /** The hidden input's test id (tests set its files directly). */
  testId: string;
  accept: string;
  disabled: boolean;
  onFile: (file: File) => void;
  children: ReactNode;
}

export function FileButton({ testId, accept, disabled, onFile, children }: Props): ReactElement {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="button small"
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        data-testid={testId}
        className="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </>
  );
}
