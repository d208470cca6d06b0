import type { AnyEntry, AnyKind } from './index.js';
import type { KindRef, NameOf } from './kind.js';

export interface SearchText {
  title: string;
  body: string;
  /** The facts whose names the text holds, by GraphQL type name and key: renaming one rewrites the text. */
  dependsOn: { targetKind: string; targetKey: string }[];
}

/** A searchable kind's text for an entry, and which other facts' names went into it. */
export function searchTextOf(kind: AnyKind, entry: AnyEntry, nameOf: NameOf): SearchText | null {
  if (!kind.search) return null;
  const dependsOn: SearchText['dependsOn'] = [];
  const recording: NameOf = (target: KindRef, key) => {
    if (key !== null && !dependsOn.some((d) => d.targetKind === target.typeName && d.targetKey === key))
      dependsOn.push({ targetKind: target.typeName, targetKey: key });
    return nameOf(target, key);
  };
  return { ...kind.search.text(entry, recording), dependsOn };
}
