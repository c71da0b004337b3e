import { isAdmin, isManager, useWorkspace } from '../../app/workspace';
import { Empty } from '../../ui/states';
import { ApiKeysSection } from './ApiKeysSection';
import { UsersSection } from './UsersSection';

export function SettingsPage() {
  const { user, tenant } = useWorkspace();
  return (
    <div className="page">
      <h1>Settings</h1>
      <p className="muted">
        {tenant.name} · {tenant.currency} · times in {tenant.timeZone}
      </p>
      {isManager(user.role) ? <UsersSection /> : <Empty title="Users are managed by your managers and admins." />}
      {isAdmin(user.role) && <ApiKeysSection />}
    </div>
  );
}
