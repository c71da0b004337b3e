import { CombinedGraphQLErrors } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useWorkspace } from '../../common/workspace';
import type { ImportMenuInput, MenuFieldsFragment } from '../../gql/graphql';
import { useTranslation } from '../../i18n/translate';
import { PROVIDERS } from '../../ui/providers';
import {
  csvProblemFromApi,
  menuFromCsv,
  OPTIONAL_COLUMNS,
  REQUIRED_COLUMNS,
  type CsvProblem,
  type MenuHeader,
} from './menu-csv';
import { IMPORT_MENU } from './menu.operations';

type Branch = { id: string; name: string };

/** The file as importMenu's input: JSON as it is (the form fills what it leaves out), or the documented CSV. */
function readMenuFile(
  fileName: string,
  text: string,
  header: MenuHeader,
): { input: ImportMenuInput; itemLines: number[] } | { problems: CsvProblem[] } {
  if (/\.json$/i.test(fileName) || text.trimStart().startsWith('{')) {
    try {
      const json = JSON.parse(text) as Partial<ImportMenuInput>;
      return { input: { ...header, ...json } as ImportMenuInput, itemLines: [] };
    } catch (error) {
      return { problems: [{ line: null, field: null, message: `JSON: ${(error as Error).message}` }] };
    }
  }
  return menuFromCsv(text, header, PROVIDERS);
}

/** importMenu's BAD_USER_INPUT names each path at fault (extensions.problems). */
function apiProblems(error: unknown): { path: string; message: string }[] | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const problems = error.errors.flatMap(
    (e) => (e.extensions?.['problems'] as { path: string; message: string }[] | undefined) ?? [],
  );
  return problems.length ? problems : null;
}

/** Import a menu from a CSV or JSON file: every problem listed with its line and column, and nothing stored then. */
export function ImportMenuForm({
  menus,
  branches,
  onImported,
}: {
  menus: MenuFieldsFragment[];
  branches: Branch[];
  onImported: (menu: MenuFieldsFragment) => void;
}) {
  const { t } = useTranslation('menu');
  const { tenant } = useWorkspace();
  const [file, setFile] = useState<File | null>(null);
  const [nameEn, setNameEn] = useState('');
  const [nameAr, setNameAr] = useState('');
  const [currency, setCurrency] = useState(tenant.currency);
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const [replaceId, setReplaceId] = useState('');
  const [problems, setProblems] = useState<CsvProblem[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [importMenu, importState] = useMutation(IMPORT_MENU);
  const branchIds = branches.filter((b) => !unticked.has(b.id)).map((b) => b.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setProblems(null);
    if (!file) return setProblems([{ line: null, field: null, message: t('chooseFile') }]);
    if (!branchIds.length) return setProblems([{ line: null, field: null, message: t('chooseBranch') }]);
    const header: MenuHeader = {
      name: { en: nameEn.trim(), ar: nameAr.trim() || null },
      currency: currency.trim().toUpperCase(),
      branchIds,
      ...(replaceId ? { id: replaceId } : {}),
    };
    const read = readMenuFile(file.name, await file.text(), header);
    if ('problems' in read) return setProblems(read.problems);
    try {
      const result = await importMenu({ variables: { input: read.input } });
      const menu = result.data?.importMenu;
      if (!menu) return;
      setNotice(t('imported', { name: menu.name.en, count: menu.items.length, n: menu.items.length }));
      onImported(menu);
    } catch (error) {
      const found = apiProblems(error);
      setProblems(
        found
          ? found.map((p) => csvProblemFromApi(p, read.itemLines))
          : [{ line: null, field: null, message: (error as Error).message }],
      );
    }
  };

  const describe = (p: CsvProblem) =>
    p.line !== null && p.field !== null
      ? t('problemAt', { line: p.line, field: p.field, message: p.message })
      : p.line !== null
        ? t('problemLine', { line: p.line, message: p.message })
        : p.field !== null
          ? t('problemField', { field: p.field, message: p.message })
          : p.message;

  return (
    <section className="panel" aria-label={t('importTitle')}>
      <h2>{t('importTitle')}</h2>
      <p className="muted small">
        {t('importHint')} <code translate="no">{REQUIRED_COLUMNS.join(', ')}</code>; {t('optionalColumns')}{' '}
        <code translate="no">{OPTIONAL_COLUMNS.join(', ')}, price_&lt;provider&gt;</code>
      </p>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <label>
          {t('file')}
          <input
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              if (chosen && !nameEn) setNameEn(chosen.name.replace(/\.[^.]+$/, ''));
            }}
          />
        </label>
        <label>
          {t('menuNameEn')}
          <input value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
        </label>
        <label>
          {t('menuNameAr')}
          <input value={nameAr} onChange={(e) => setNameAr(e.target.value)} dir="rtl" lang="ar" />
        </label>
        <label>
          {t('currency')}
          <input value={currency} onChange={(e) => setCurrency(e.target.value)} maxLength={3} translate="no" />
        </label>
        <label>
          {t('replace')}
          <select value={replaceId} onChange={(e) => setReplaceId(e.target.value)}>
            <option value="">{t('newMenu')}</option>
            {menus.map((m) => (
              <option key={m.id} value={m.id}>
                {t('replaceMenu', { name: m.name.en })}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="inline-form">
          <legend>{t('branches')}</legend>
          {branches.map((b) => (
            <label key={b.id} className="checkbox">
              <input
                type="checkbox"
                checked={!unticked.has(b.id)}
                onChange={() =>
                  setUnticked((now) => {
                    const next = new Set(now);
                    if (!next.delete(b.id)) next.add(b.id);
                    return next;
                  })
                }
              />{' '}
              <span translate="no">{b.name}</span>
            </label>
          ))}
        </fieldset>
        <div className="button-row">
          <button type="submit" className="primary" disabled={importState.loading}>
            {importState.loading ? t('importing') : t('import')}
          </button>
        </div>
      </form>
      {problems && (
        <div role="alert" className="error" data-testid="import-problems">
          <strong>{t('problemsTitle', { count: problems.length, n: problems.length })}</strong>
          <ul>
            {problems.map((p, index) => (
              <li key={index} translate="no">
                {describe(p)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
    </section>
  );
}
