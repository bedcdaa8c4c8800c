// The DfE South-West Regional Schools Commissioner's tool "Characteristics of successful
// multi-academy trusts" (2015; shared/background 004): an overall row and nine steps, each at
// one of four stages. The titles and descriptors are the tool's own words, shortened only
// where marked with an ellipsis, so a trust reads here what its board reads on paper.

/** Ordered: index 0 is the earliest stage. */
export const MATURITY_STAGES = ['BEGINNING', 'DEVELOPING', 'EMBEDDING', 'LEADING'] as const;
export type MaturityStage = (typeof MATURITY_STAGES)[number];

export const MATURITY_STEPS = ['OVERALL', 'STEP_1', 'STEP_2', 'STEP_3', 'STEP_4', 'STEP_5', 'STEP_6', 'STEP_7', 'STEP_8', 'STEP_9'] as const;
export type MaturityStep = (typeof MATURITY_STEPS)[number];

export const STAGE_LABELS: Record<MaturityStage, string> = {
  BEGINNING: 'Beginning',
  DEVELOPING: 'Developing',
  EMBEDDING: 'Embedding',
  LEADING: 'Leading',
};

export interface MaturityStepDefinition {
  step: MaturityStep;
  /** "Step 6", or "Overall". */
  label: string;
  /** The characteristic, in the tool's words. */
  title: string;
  /** What each stage looks like, in the tool's words. */
  descriptors: Record<MaturityStage, string>;
}

export const MATURITY_TOOL: readonly MaturityStepDefinition[] = [
  {
    step: 'OVERALL',
    label: 'Overall',
    title: 'Overall performance self assessment: there is clear evidence that the outcomes for young people who are educated within the MAT are exceeding previous performance and national expectations',
    descriptors: {
      BEGINNING: 'The Trust outcomes for young people in terms of the progress they are making from KS1 to 2 or KS2 to 4 are not yet at national averages in more than half of the academies in the Trust',
      DEVELOPING: 'The Trust outcomes … are in line with national averages in more than half of the academies in the Trust',
      EMBEDDING: 'The Trust outcomes … are above national averages in more than half of the academies in the Trust',
      LEADING: 'The Trust outcomes … are significantly above national averages in all of the academies in the Trust',
    },
  },
  {
    step: 'STEP_1',
    label: 'Step 1',
    title: 'There is a well communicated strategic vision and plan that moves seamlessly from implementation into impact',
    descriptors: {
      BEGINNING: 'The Trust has identified their key priorities & there is a strategic plan but it is too soon to see evidence of impact',
      DEVELOPING: 'Each academy has links in their improvement plan to the Trust strategic plan showing the contribution they make to the Trust and the academy priorities',
      EMBEDDING: 'The academy can provide some evidence that through their delivery of their academy-based plan at least 2-3 of the Trust priorities are also being delivered',
      LEADING: 'The Trust has a strategic plan that seamlessly sits within the academy plans. There is clear evidence that all of the Trust priorities are being delivered by the academy',
    },
  },
  {
    step: 'STEP_2',
    label: 'Step 2',
    title: 'There is a clear accountability framework for the performance of the Trust that all staff understand, including what happens when key staff under-perform',
    descriptors: {
      BEGINNING: 'Accountability is linked to line management at academy level and does not rise through the Trust effectively',
      DEVELOPING: 'The CEO holds the Principals to account and is held to account by the Board for the performance of the Trust',
      EMBEDDING: 'The Chair of Board and the CEO hold the Principals and the chairs of academy boards to account. There is a collective responsibility for standards across the Trust',
      LEADING: 'There is a clear path of accountability … that improves standards. Performance Management is excellent Trust-wide',
    },
  },
  {
    step: 'STEP_3',
    label: 'Step 3',
    title: 'There are clear quality assurance systems in place to improve consistency and performance',
    descriptors: {
      BEGINNING: 'The Trust has started to explore the elements of common practice that it believes will lead to greater consistency across the Trust',
      DEVELOPING: 'Shared CPD and data collection points are extended by peer reviews with frequent inclusion of external challenge',
      EMBEDDING: 'There is a pattern of consistent practice that is now recognised as more efficient than each academy working independently',
      LEADING: 'The Trust has a common understanding of what outstanding performance is. All of the chief operating systems are consistently applied by the academies',
    },
  },
  {
    step: 'STEP_4',
    label: 'Step 4',
    title: 'There is a clear delegated framework for governance at Trust Board and local governing body level',
    descriptors: {
      BEGINNING: 'Members and Trustees fully understand their responsibilities … but the overall governance structure lacks clarity',
      DEVELOPING: 'There is a MAT board where the distinction between the role of members and directors is clear and understood by all staff',
      EMBEDDING: 'The MAT board is a strength of the organisation … The delegated authority is clear and both boards understand their responsibilities',
      LEADING: 'The board has a clear plan for delegated authority and regularly checks that it is fit for purpose. There is top-down and bottom-up accountability',
    },
  },
  {
    step: 'STEP_5',
    label: 'Step 5',
    title: 'There is a Trust-wide school improvement strategy that recognises the different interventions needed at different stages of the improvement journey',
    descriptors: {
      BEGINNING: 'There is an embryonic Trust wide school improvement strategy that is focused on performance improvement in schools in significant difficulties',
      DEVELOPING: 'The Trust has a school improvement strategy that is becoming embedded and has progressed beyond the day to day core improvement needs',
      EMBEDDING: 'The school improvement strategy is sustaining improved performance, standards are rising and improvement is rapid',
      LEADING: 'Schools that were once weak now have capacity and strength to support new schools joining the MAT or schools beyond the Trust',
    },
  },
  {
    step: 'STEP_6',
    label: 'Step 6',
    title: 'There is a systematic programme of school to school support that is focused on the need of individual academies',
    descriptors: {
      BEGINNING: 'The Trust is starting to develop a school to school support strategy. Support is delivered by talented teachers and leaders in their own schools',
      DEVELOPING: 'The Trust ensures that more teachers and leaders are making a contribution to school to school support beyond their own schools. The practice is good but there needs to be more impact driven classroom support',
      EMBEDDING: "The Trust's school improvement strategy balances the generic needs of the schools with the facilitation of smaller learning communities of teaching leaders, who develop coaching groups with colleagues needing help",
      LEADING: "The Trust's school improvement strategy is built around an emerging pool of talented teachers and leaders who know the impact of their work and can name it and describe it",
    },
  },
  {
    step: 'STEP_7',
    label: 'Step 7',
    title: 'There is evidence of skilled management of Trust risk indicators',
    descriptors: {
      BEGINNING: 'There is a contingency and business continuity plan in place but there is little evidence that risk management is structured in the Trust',
      DEVELOPING: 'The Trust has a risk register in place and it is used to monitor risks that the Trust has identified as possible threats to the organisation',
      EMBEDDING: 'The Board risk register is used to drive all improvement priorities and is the framework for agenda setting across the Trust',
      LEADING: 'The Board risk is managed well … there is a 3-5 year risk anticipation plan in place that is under regular review',
    },
  },
  {
    step: 'STEP_8',
    label: 'Step 8',
    title: 'There is a clear succession plan for the key posts within the MAT (talent management: deploying talented staff across schools)',
    descriptors: {
      BEGINNING: 'The Trust knows there are posts in the organisation that require a succession plan. It has not yet grown enough capacity from within the organisation to address this',
      DEVELOPING: 'The Trust has a talent management programme that supports and develops talented teachers and leaders and equips them to work effectively across the Trust in different academies and roles',
      EMBEDDING: 'The Trust can deploy its most talented staff to work in more than one school on secondments or permanent transfers, creating career development and succession solutions',
      LEADING: 'Senior leaders have worked in more than one Trust academy and middle leaders and the best teachers are deployed across the Trust to sustain and deepen impact',
    },
  },
  {
    step: 'STEP_9',
    label: 'Step 9',
    title: 'There is a Trust wide commitment to making a contribution to local, regional and national educational networks beyond the MAT',
    descriptors: {
      BEGINNING: 'The academies in the Trust continue to participate in local and national networks but … there is little evidence that these relationships contribute to Trust improvement or support for other academies',
      DEVELOPING: 'The Trust has developed partnerships with external groups beyond those that the academies have sustained',
      EMBEDDING: 'The Trust and the academies play a key role in wider system leadership through … supporting other schools … The Trust learns from and contributes to the practice of other MATs in their region',
      LEADING: 'The Trust has a Teaching School Alliance, NLE, NLG and SLE who provide support across the Trust but also to schools beyond the Trust',
    },
  },
];

export function stepDefinition(step: MaturityStep): MaturityStepDefinition {
  return MATURITY_TOOL.find((d) => d.step === step)!;
}

/** The steps the service proposes a stage for, from its own records. */
export const PROPOSED_STEPS = ['STEP_6', 'STEP_8', 'STEP_9'] as const satisfies readonly MaturityStep[];
export type ProposedStep = (typeof PROPOSED_STEPS)[number];
