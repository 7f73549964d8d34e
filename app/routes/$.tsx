/** Any URL no other route matches: a 404 inside the normal layout. */
import { notFound } from "~/utils/responses.server";

export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
