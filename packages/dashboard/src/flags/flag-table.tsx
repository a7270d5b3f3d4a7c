import { memo } from "react";
import { Link } from "wouter";
import classes from "./flag-table.module.css";
import type { Flag } from "./flag-types.js";

/**
 * The flag list as plain table markup (styled in flag-table.module.css, with Mantine's theme
 * variables): dozens of rows render at once, and component-per-cell markup made the first load
 * of the page noticeably slower.
 */
export const FlagTable = memo(function FlagTable({
  flags,
  environments,
}: {
  flags: Flag[];
  environments: { key: string; name: string }[];
}) {
  return (
    <div className={classes.scroll}>
      <table className={classes.table} aria-label="Flags">
        <thead>
          <tr>
            <th>Flag</th>
            <th>Type</th>
            <th>Variants</th>
            {environments.map((env) => (
              <th key={env.key}>{env.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {flags.map((flag) => (
            <tr key={flag.key}>
              <td>
                <Link className={classes.name} to={`/flags/${encodeURIComponent(flag.key)}`}>
                  {flag.name || flag.key}
                </Link>
                <div className={classes.key}>{flag.key}</div>
                {flag.tags.length > 0 && (
                  <div className={classes.tags}>
                    {flag.tags.map((tag) => (
                      <span key={tag} className={classes.tag}>
                        {tag}
                      </span>
                    ))}
                  </div>
                )}
              </td>
              <td>{flag.type}</td>
              <td>{flag.variants.length}</td>
              {environments.map((env) => {
                const on = flag.environments[env.key]?.enabled ?? false;
                return (
                  <td key={env.key}>
                    <span className={`${classes.status} ${on ? classes.on : classes.off}`}>
                      {on ? "On" : "Off"}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
