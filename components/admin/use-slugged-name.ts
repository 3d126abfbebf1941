import { useState } from "react";
import { slugify } from "@/lib/catalog/slugify";

/** A name and a slug that follows it until the user edits the slug by hand. */
export function useSluggedName() {
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  return {
    name,
    slug: slugTouched ? slug : slugify(name),
    setName,
    setSlug: (value: string) => {
      setSlugTouched(true);
      setSlug(value);
    },
    reset: () => {
      setName("");
      setSlug("");
      setSlugTouched(false);
    },
  };
}
