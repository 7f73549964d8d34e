/**
 * /admin/users (admins only): find users by email or name (GET q,
 * case-insensitive), newest first, with their role and active sessions.
 */
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AdminNav } from "~/components/admin/admin-nav";
import { Pagination } from "~/components/pagination";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatTimestamp } from "~/i18n/format";
import { searchUsers } from "~/models/admin-users.server";
import { pageParam } from "~/utils/responses.server";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, `${t("admin.users.title")} · Dracin`);
};

/** Any text is a valid search; overlong input is cut, never refused with a 500. */
const QuerySchema = z.string().trim().max(254).catch("");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const q = QuerySchema.parse((params.get("q") ?? "").slice(0, 254));
  const result = await searchUsers(q, pageParam(params.get("page")));
  return data(
    {
      q,
      page: result.page,
      total: result.total,
      totalPages: result.totalPages,
      users: result.users.map((user) => ({ ...user, createdAt: user.createdAt.toISOString() })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function AdminUsers() {
  const { q, page, total, totalPages, users } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="admin-page">
      <AdminNav current="users" />
      <h1>{t("admin.users.title")}</h1>
      <form method="get" action="/admin/users" role="search" className="search-form">
        <label htmlFor="users-q">{t("admin.users.search")}</label>
        <p id="users-q-hint" className="field-hint">
          {t("admin.users.searchHint")}
        </p>
        <div className="search-row">
          <input
            id="users-q"
            name="q"
            type="search"
            defaultValue={q}
            autoComplete="off"
            spellCheck={false}
            maxLength={254}
            aria-describedby="users-q-hint"
          />
          <button type="submit" className="button">
            {t("admin.users.submit")}
          </button>
        </div>
      </form>
      <p className="result-count" role="status">
        {total === 0 && q ? t("admin.users.none", { q }) : t("admin.users.count", { count: total })}
      </p>
      {users.length > 0 ? (
        <div className="table-scroll" role="region" aria-label={t("admin.users.caption")} tabIndex={0}>
          <table className="admin-table">
            <caption>{t("admin.users.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.users.col.email")}</th>
                <th scope="col">{t("admin.users.col.name")}</th>
                <th scope="col">{t("admin.users.col.role")}</th>
                <th scope="col">{t("incidents.user.status")}</th>
                <th scope="col">{t("admin.users.col.created")}</th>
                <th scope="col">{t("admin.users.col.sessions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    <a href={`/admin/users/${encodeURIComponent(user.id)}`}>{user.email}</a>
                  </th>
                  <td>{user.name ?? t("admin.audit.none.value")}</td>
                  <td>{t(user.role === "ADMIN" ? "admin.users.role.ADMIN" : "admin.users.role.USER")}</td>
                  <td>{t(user.disabled ? "incidents.user.disabled" : "incidents.user.enabled")}</td>
                  <td>
                    <time dateTime={user.createdAt}>{formatTimestamp(user.createdAt)}</time>
                  </td>
                  <td>{formatNumber(user.activeSessions, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination
        page={page}
        totalPages={totalPages}
        hrefFor={(target) => `/admin/users?${new URLSearchParams({ ...(q ? { q } : {}), page: String(target) })}`}
      />
    </div>
  );
}
