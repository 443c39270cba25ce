import { useMemo, useState } from 'react';
import { frameworkSummaries, type FrameworkView, type RequirementGroup } from '@/components/frameworks';
import { filterToParams } from '@/components/recommendation-filters';
import { formatPercent, statusLabels } from '@/components/recommendations';
import { usePortalState } from './data';
import { rowKey } from './model';
import { hrefFor } from './route';
import { EmptyState, NoInstances, Skeleton } from './ui';
import { bidiSafe } from '@/utils/bidi';

/** Other initiatives: each framework the controls are tagged with, scored over its own controls. */
export function InitiativesView({ params }: { params: URLSearchParams }) {
  const { data, model } = usePortalState();
  const summaries = useMemo(() => (model ? frameworkSummaries(model.frameworkFindings) : []), [model]);
  const chosen = summaries.find((view) => view.framework.id === params.get('framework')) ?? summaries[0];

  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Other initiatives
      </h1>
      <p className="muted">
        Views of the same findings through control frameworks and threat initiatives. Each score is Secure Score style — points achieved
        over points possible — over the framework's controls in the included instances, exceptions applied.
      </p>
      {!data ? (
        <Skeleton lines={5} height={48} />
      ) : data.instances.length === 0 ? (
        <NoInstances />
      ) : summaries.length === 0 ? (
        <EmptyState>
          <p>No included instance has findings tagged with a framework yet. Scan an instance, or switch one on in Instances.</p>
        </EmptyState>
      ) : (
        <div className="initiatives-layout">
          <nav aria-label="Initiatives">
            <ul className="initiative-list">
              {summaries.map((view) => (
                <li key={view.framework.id}>
                  <a
                    href={hrefFor('initiatives', { framework: view.framework.id })}
                    aria-current={view === chosen ? 'page' : undefined}
                    data-testid={`framework-${view.framework.id}`}
                  >
                    <span className="initiative-name">{view.framework.title}</span>
                    <span className="initiative-score">{formatPercent(view.score.percent)}</span>
                    <span className="muted">
                      {view.requirements.filter((group) => group.met).length} of {view.requirements.length} met
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {chosen && <FrameworkDetail view={chosen} />}
        </div>
      )}
    </section>
  );
}

function FrameworkDetail({ view }: { view: FrameworkView }) {
  const [onlyUnmet, setOnlyUnmet] = useState(false);
  const groups = onlyUnmet ? view.requirements.filter((group) => !group.met) : view.requirements;
  const percent = view.score.percent;
  return (
    <article className="framework-detail" aria-labelledby="framework-title">
      <div className="view-head">
        <h2 id="framework-title">{view.framework.title}</h2>
        <a className="chip" href={`${hrefFor('recommendations')}?${filterToParams({ framework: view.framework.id }).toString()}`}>
          Recommendations in this framework
        </a>
      </div>
      <p className="muted">{view.framework.description}</p>
      <div className="score-line">
        <span className="big-score" data-testid="framework-score">
          {formatPercent(percent)}
        </span>
        <span className="muted">
          {view.score.achieved} of {view.score.max} points · {view.controls} controls · {view.requirements.length} requirement
          {view.requirements.length === 1 ? '' : 's'}
          {view.score.coverageGaps > 0 && ` · ${view.score.coverageGaps} could not be checked`}
        </span>
      </div>
      <label className="choice">
        <input type="checkbox" checked={onlyUnmet} onChange={(event) => setOnlyUnmet(event.target.checked)} />
        <span>Only requirements not met</span>
      </label>
      <div className="table-wrap">
        <table className="data-table requirement-table">
          <caption className="visually-hidden">
            Compliance per requirement ({view.framework.requirementNoun}) in {view.framework.title}
          </caption>
          <thead>
            <tr>
              <th scope="col">{view.framework.requirementNoun}</th>
              <th scope="col" className="col-number">
                Compliance
              </th>
              <th scope="col" className="col-number">
                Score
              </th>
              <th scope="col">Findings</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <RequirementRow key={group.requirement.id} group={group} />
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

function RequirementRow({ group }: { group: RequirementGroup }) {
  const { data } = usePortalState();
  const instanceName = (key: string) => {
    const instance = data?.instances.find((candidate) => candidate.key === key);
    return instance ? bidiSafe(instance.name) : key;
  };
  const compliance = group.compliance === null ? null : Math.round(group.compliance * 100);
  return (
    <tr data-testid="requirement-row">
      <th scope="row">
        {group.requirement.id}
        {group.requirement.note && <span className="row-sub"> {group.requirement.note}</span>}
      </th>
      <td className="col-number">
        {compliance === null ? (
          <span className="muted">No data</span>
        ) : (
          <span className="compliance">
            <span className="bar" aria-hidden="true">
              <span style={{ width: `${compliance}%` }} />
            </span>
            <span className={group.met ? 'status-text compliant' : undefined}>{compliance}%</span>
          </span>
        )}
      </td>
      <td className="col-number">{formatPercent(group.score.percent)}</td>
      <td>
        <ul className="plain-list finding-list">
          {group.findings.map((finding) => (
            <li key={`${finding.instanceKey}:${finding.controlId}`}>
              <a href={hrefFor('recommendations', { status: 'all', instance: finding.instanceKey, selected: rowKey(finding.instanceKey, finding.controlId) })}>
                {finding.title}
              </a>{' '}
              <span className={`status-text ${finding.status}`}>{statusLabels[finding.status]}</span>
              <span className="muted"> · {instanceName(finding.instanceKey)}</span>
              {finding.exception && <span className="exception-state active"> · exception</span>}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
