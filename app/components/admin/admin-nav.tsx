import { useT } from "~/i18n";

/** Links between the admin pages; the current one is marked for assistive technology. */
export function AdminNav({ current }: { current: "audit" | "integrity" | "users" | "sessions" | "catalog" }) {
  const t = useT();
  const links = [
    { key: "audit", href: "/admin/audit", label: t("admin.nav.audit") },
    { key: "integrity", href: "/admin/audit/verify", label: t("audit.nav.integrity") },
    { key: "users", href: "/admin/users", label: t("admin.nav.users") },
    { key: "sessions", href: "/admin/sessions", label: t("incidents.nav.sessions") },
    { key: "catalog", href: "/admin/catalog", label: t("admin.nav.catalog") },
  ] as const;
  return (
    <nav aria-label={t("admin.nav.label")} className="admin-nav">
      <ul>
        {links.map((link) => (
          <li key={link.key}>
            <a href={link.href} aria-current={link.key === current ? "page" : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
