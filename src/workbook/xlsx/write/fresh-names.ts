import type { ContentTypes } from '../opc/content-types';
import type { Package } from './package';
import type { RelsPart } from './rels-part';

// Names for the parts Ragbook adds. A fresh name avoids every part present, and any
// name a content type or a relationship still mentions, so no two entries can ever
// clash and no stale Override or relationship comes to describe a new part.

export class FreshNames {
  private readonly taken: Set<string>;

  constructor(pkg: Package, ct: ContentTypes, rels: RelsPart[]) {
    this.taken = pkg.taken();
    for (const p of ct.overriddenParts()) if (!pkg.isRemoved(p)) this.taken.add(p);
    for (const r of rels.flatMap((x) => x.rels)) if (r.target && !pkg.isRemoved(r.target)) this.taken.add(r.target.toLowerCase());
  }

  has(name: string): boolean {
    return this.taken.has(name.toLowerCase());
  }

  /** `name` itself when it is free, else a fresh `${stem}${n}${ext}`. Either way it is taken from now on. */
  prefer(name: string, stem: string, ext: string): string {
    if (!this.has(name)) {
      this.taken.add(name.toLowerCase());
      return name;
    }
    return this.next(stem, ext);
  }

  /** A fresh part name `${stem}${n}${ext}`, the lowest n free. */
  next(stem: string, ext: string): string {
    for (let n = 1; ; n++) {
      const name = `${stem}${n}${ext}`;
      if (!this.has(name)) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
  }
}
