import { describe, expect, it } from 'vitest';
import type { AdminPage } from '@/utils/connector';
import { compliant, nonCompliant, partial, unknown, notApplicable, type Control } from '@/utils/controls';
import { badgesForPage, pageForUrl, placementOf } from '@/utils/overlay/badges';
import { fakeControls } from './fakes/connector';

const pages: AdminPage[] = [
  { key: 'passwords', title: 'Password Policies', paths: ['/lightning/setup/SecurityPolicies/'], framePaths: ['/secur/orgloginsettingedit.jsp'], anchors: { minLength: { kind: 'label', texts: ['Minimum password length'] } } },
  { key: 'users', title: 'Users', paths: ['/lightning/setup/ManageUsers/'], framePaths: [], anchors: {} },
];

function control(id: string, steps: Control['remediation']['steps'], severity: Control['severity'] = 'high'): Control {
  return { ...fakeControls[0]!, id, title: `Title ${id}`, severity, remediation: { summary: 's', steps, references: ['https://x.test'] } };
}

const anchored = control('A.1v1', [
  { text: 'Open', page: 'passwords' },
  { text: 'Set it', page: 'passwords', anchor: 'minLength' },
]);
const listCheck = control('B.1v1', [{ text: 'Open Users', page: 'users' }], 'medium');
const unanchorable = control('C.1v1', [{ text: 'Set it', page: 'passwords', anchor: 'notOnThePage' }]);

describe('overlay placement and badges', () => {
  it('places a control beside its first anchored field, else beside its page heading', () => {
    expect(placementOf(anchored)).toEqual({ pageKey: 'passwords', anchorKey: 'minLength' });
    expect(placementOf(listCheck)).toEqual({ pageKey: 'users', anchorKey: '@page' });
  });

  it('tells a page’s framed content from its Lightning shell', () => {
    expect(pageForUrl(pages, 'https://acme.lightning.force.com/lightning/setup/SecurityPolicies/home')).toMatchObject({ page: { key: 'passwords' }, framed: false });
    expect(pageForUrl(pages, 'https://acme.my.salesforce.com/secur/orgloginsettingedit.jsp?isdtp=p1')).toMatchObject({ page: { key: 'passwords' }, framed: true });
    expect(pageForUrl(pages, 'https://acme.lightning.force.com/lightning/setup/Other/home')).toBeUndefined();
    expect(pageForUrl(pages, 'not a url')).toBeUndefined();
  });

  it('builds badges with evidence, highest points first, and skips what cannot be placed', () => {
    const badges = badgesForPage(pages[0]!, [anchored, unanchorable], [
      { controlId: 'A.1v1', verdict: nonCompliant({ actual: 8, expected: '12 or more', reason: 'Passwords may be 8 characters' }), pointsAtStake: 7 },
      { controlId: 'C.1v1', verdict: nonCompliant(), pointsAtStake: 9 },
    ]);
    expect(badges).toHaveLength(1);
    expect(badges[0]).toMatchObject({
      controlId: 'A.1v1',
      status: 'non_compliant',
      severity: 'high',
      actual: '8',
      expected: '12 or more',
      points: 7,
      locator: { kind: 'label', texts: ['Minimum password length'] },
    });
  });

  it('maps verdicts to badge states: unknown for missing data, nothing for not applicable, exception wins', () => {
    const status = (verdict: ReturnType<typeof compliant>, exception?: string) =>
      badgesForPage(pages[1]!, [listCheck], [{ controlId: 'B.1v1', verdict, pointsAtStake: 1, exception }])[0]?.status;
    expect(status(compliant())).toBe('compliant');
    expect(status(partial(0.5))).toBe('partial');
    expect(status(unknown('no data'))).toBe('unknown');
    expect(status(notApplicable('SAML off'))).toBeUndefined();
    expect(status(nonCompliant(), 'risk_accepted')).toBe('exception');
    const heading = badgesForPage(pages[1]!, [listCheck], [{ controlId: 'B.1v1', verdict: nonCompliant(), pointsAtStake: 3 }])[0]!;
    expect(heading.locator).toEqual({ kind: 'heading', texts: ['Users'] });
  });

  it('draws no heading badge for a check done by hand (it reads nothing), but does beside a field it names', () => {
    const manualOnHeading = { ...control('D.1v1', [{ text: 'Check by hand', page: 'users' }]), sources: [] };
    const manualBesideField = { ...control('E.1v1', [{ text: 'Check by hand', page: 'passwords', anchor: 'minLength' }]), sources: [] };
    const verdict = unknown('Verify by hand');
    expect(badgesForPage(pages[1]!, [manualOnHeading, listCheck], [
      { controlId: 'D.1v1', verdict, pointsAtStake: 0 },
      { controlId: 'B.1v1', verdict: unknown('not read'), pointsAtStake: 0 },
    ]).map((badge) => badge.controlId)).toEqual(['B.1v1']);
    expect(badgesForPage(pages[0]!, [manualBesideField], [{ controlId: 'E.1v1', verdict, pointsAtStake: 0 }])).toHaveLength(1);
  });
});
