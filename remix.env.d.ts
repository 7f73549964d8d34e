/// <reference types="@remix-run/dev" />

import "@remix-run/node";

declare module "@remix-run/node" {
  // Loader and action types follow Single Fetch (future.v3_singleFetch).
  interface Future {
    v3_singleFetch: true;
  }
}
