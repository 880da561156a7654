// JSON / CSV export as plain download links: same-origin, so the session cookie goes along.
import { t } from '../../i18n';
import { Icon } from '../Icon';

export function ExportLinks(props: { json: string; csv: string; title?: string }) {
  return (
    <>
      <a class="btn btn-secondary" href={props.json} download="" data-testid="export-json" title={props.title}>
        <Icon name="download" size={18} />
        {t('packages.exportJson')}
      </a>
      <a class="btn btn-secondary" href={props.csv} download="" data-testid="export-csv" title={props.title}>
        <Icon name="download" size={18} />
        {t('packages.exportCsv')}
      </a>
    </>
  );
}
