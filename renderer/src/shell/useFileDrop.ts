import { useState, type DragEvent } from 'react';

const hasFiles = (e: DragEvent): boolean => [...e.dataTransfer.types].includes('Files');

export interface FileDrop {
  /** A file is being dragged over the element. */
  dropping: boolean;
  /** Spread onto the element that takes the drop. */
  dropProps: {
    onDragOver: (e: DragEvent) => void;
    onDragLeave: (e: DragEvent) => void;
    onDrop: (e: DragEvent) => void;
  };
}

/** A studio that takes a file dropped on it: the first dropped file goes to `onFile`. */
export function useFileDrop(onFile: (file: File) => void, enabled = true): FileDrop {
  return useFilesDrop((files) => {
    if (files[0]) onFile(files[0]);
  }, enabled);
}

/** A studio that takes several files dropped on it at once: all of them go to `onFiles`. */
export function useFilesDrop(onFiles: (files: File[]) => void, enabled = true): FileDrop {
  const [dropping, setDropping] = useState(false);
  return {
    dropping,
    dropProps: {
      onDragOver: (e) => {
        if (!hasFiles(e) || !enabled) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        if (!dropping) setDropping(true);
      },
      onDragLeave: (e) => {
        if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
        setDropping(false);
      },
      onDrop: (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDropping(false);
        const files = [...e.dataTransfer.files];
        if (files.length) onFiles(files);
      },
    },
  };
}
