/** Any URL no other route matches: a 404 inside the normal layout. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFoundFor } from "~/utils/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  throw await notFoundFor(request);
}

export default function NotFound() {
  return null;
}
