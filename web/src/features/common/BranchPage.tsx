import { Fragment, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { BranchPicker } from './BranchPicker';
import { useBranchChoice, type BranchChoice } from './useBranchChoice';

/**
 * A page about one branch at a time: its title, a picker of the tenant's
 * branches, and the page's content for the branch picked (rendered afresh,
 * keyed by the branch, when another is picked).
 */
export function BranchPage({
  title,
  loadingLabel,
  children,
}: {
  title: string;
  loadingLabel: string;
  children: (branch: BranchChoice) => ReactNode;
}) {
  const { t } = useTranslation('ui');
  const { query, branches, branch, pick } = useBranchChoice();
  return (
    <div className="page">
      <div className="page-header">
        <h1>{title}</h1>
        {branch && (
          <div className="page-header-picker">
            <BranchPicker label={t('branch')} branches={branches} value={branch.id} onPick={pick} />
          </div>
        )}
      </div>
      {!query.data && query.loading && <Loading label={loadingLabel} />}
      {query.error && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && !branch && <Empty title={t('noBranchesTitle')} />}
      {branch && <Fragment key={branch.id}>{children(branch)}</Fragment>}
    </div>
  );
}
