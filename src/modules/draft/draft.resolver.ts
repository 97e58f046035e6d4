import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { badUserInput, ErrorCode, hubError } from '../../errors/codes';
import { customCost } from '../../graphql/field-cost';
import { DateScalar } from '../../graphql/scalars';
import { draftTextProblem, makeDraft, MAX_PROPOSALS, publicProposal } from '../../ingest/draft';
import type { Context } from '../context';
import { Draft, type DraftProposalFlag, type DraftProposalKind } from './draft.types';

/** Bytes an answer's proposal can take at most: its sentence and quote (≤ 1,000 characters each) and statement. */
const PROPOSAL_BYTES = 8_000;

/**
 * Cost of a draft, known before it runs from the text's length: the file holds the text (up to 3 bytes a
 * character, twice with escapes), and at most one proposal per 20 characters (MAX_PROPOSALS at most).
 */
export const draftCost = (length: number): number =>
  Math.ceil((length * 6 + Math.min(MAX_PROPOSALS, Math.ceil(length / 20)) * PROPOSAL_BYTES) / 64) + 1;

@Resolver()
export class DraftResolver {
  @Query(() => Draft, {
    description:
      'Reads a published text (a press release, a project page; Bulgarian or English) into proposals for a project file: title, procedure, contract and registration numbers, amounts with programme, kind and qualifier, start and end dates, durations, counts with indicator and basis, partners, and what the text does not state. Rule-based and deterministic; every proposal is checked against its quote by the importer’s reader. Nothing is stored: send `file` (edited) to `importProjects`, with `dryRun` first. Needs an API token (as `importProjects`); at most 200,000 characters; costs by the text’s length.',
    complexity: customCost(({ args }) => draftCost(typeof args.text === 'string' ? args.text.length : 0)),
  })
  async draftFromText(
    @Ctx() { loaders, caller }: Context,
    @Arg('text', { description: 'The text as published (at most 200,000 characters).' }) text: string,
    @Arg('municipalityCode', { description: 'NSI code of the beneficiary municipality, e.g. `PAZ08`.' })
    municipalityCode: string,
    @Arg('sourceUrl', () => String, { nullable: true, description: 'Address of the page.' }) sourceUrl?: string | null,
    @Arg('publisher', () => String, {
      nullable: true,
      description: 'Who published it (default: the address’s host).',
    })
    publisher?: string | null,
    @Arg('publishedOn', () => DateScalar, {
      nullable: true,
      description:
        'Date printed on the page: the `asOf` of figures said to be reached "already", the year of dates without one.',
    })
    publishedOn?: string | null,
    @Arg('sourceTitle', () => String, { nullable: true, description: 'Title of the page (default: its first line).' })
    sourceTitle?: string | null,
    @Arg('projectKey', () => String, {
      nullable: true,
      description: 'Key of the project file (default: the municipality’s Latin name, `velingrad`).',
    })
    projectKey?: string | null,
    @Arg('excerpt', { defaultValue: false, description: 'The text is an excerpt of the page, not all of it.' })
    excerpt: boolean = false,
  ): Promise<Draft> {
    // An editor's tool: a text of up to 200,000 characters is more than an anonymous request may send.
    if (!caller)
      throw hubError(
        ErrorCode.UNAUTHENTICATED,
        'draftFromText needs an API token (Authorization: Bearer <token>): ask the hub’s administrator for an EDITOR token of your municipality',
      );
    const problem = draftTextProblem(text);
    if (problem) throw badUserInput('text', problem);
    if (sourceUrl != null && !/^https?:\/\/\S+$/i.test(sourceUrl))
      throw badUserInput('sourceUrl', 'must be an http(s) address');
    const municipality = await loaders.municipalityByCode.load(municipalityCode);
    if (!municipality) throw badUserInput('municipalityCode', `no municipality has the code "${municipalityCode}"`);
    const draft = makeDraft({
      text,
      municipalityCode: municipality.code,
      municipalityNameLatin: municipality.nameLatin,
      sourceUrl: sourceUrl ?? null,
      publisher: publisher ?? null,
      publishedOn: publishedOn ?? null,
      sourceTitle,
      projectKey,
      excerpt,
    });
    return {
      proposals: draft.proposals.map((proposal) => {
        const shown = publicProposal(proposal);
        return { ...shown, kind: shown.kind as DraftProposalKind, flags: shown.flags as DraftProposalFlag[] };
      }),
      missing: draft.missing,
      file: draft.file,
    };
  }
}
