import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../auth/AuthGate.js';
import { projectApi, type AuditEntry, type ProjectDetails } from './projectApi.js';
import { GeneralCard } from './GeneralCard.js';
import { KeysCard } from './KeysCard.js';
import { MembersCard } from './MembersCard.js';
import { DeleteUserCard } from './DeleteUserCard.js';
import { AuditCard } from './AuditCard.js';
import { NewProjectCard } from './NewProjectCard.js';

/** `/settings`: the current project's settings; editable by its admins, read-only for viewers. */
export function ProjectSettingsPage() {
  const { me, project, chooseProject, reload } = useAuth();
  const [details, setDetails] = useState<ProjectDetails | null>(null);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const isAdmin = project?.role === 'admin';

  const load = useCallback(async () => {
    if (!project) return;
    try {
      setDetails(await projectApi.details(project.id));
      if (isAdmin) setAudit((await projectApi.audit(project.id)).entries);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [project, isAdmin]);
  useEffect(() => { void load(); }, [load]);

  if (!project) return null;
  return (
    <section className="page">
      <div className="page-heading">
        <div>
          <h1>Project settings</h1>
          <p className="muted">
            {project.name} (<code>{project.id}</code>) · you are {isAdmin ? 'an admin' : 'a viewer: settings are read-only'}
          </p>
        </div>
      </div>
      {error && <div className="alert" role="alert">{error}</div>}
      {details && details.project.id === project.id && (
        <div className="settings-grid">
          <GeneralCard key={`general-${details.project.id}`} project={details.project} canEdit={isAdmin} onSaved={() => { void load(); void reload(); }} />
          <KeysCard projectId={project.id} keys={details.keys} canEdit={isAdmin} onChanged={() => void load()} />
          {isAdmin && details.members && <MembersCard projectId={project.id} members={details.members} onChanged={() => void load()} />}
          {isAdmin && <DeleteUserCard projectId={project.id} onDeleted={() => void load()} />}
          {isAdmin && <AuditCard entries={audit} />}
          {me.serverAdmin && <NewProjectCard onCreated={(id) => { void reload().then(() => chooseProject(id)); }} />}
        </div>
      )}
    </section>
  );
}
