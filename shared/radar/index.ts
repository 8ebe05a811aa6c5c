export {
  DemandHeat,
  type DemandHeatOptions,
  type DemandKind,
  demandKindOf,
  type HeatEntry,
  type MinuteCounts,
  type PinSuggestion,
} from './demand-heat';
export { describeGroup } from './describe';
export {
  QuestionRadar,
  type QuestionRadarOptions,
  type RadarGroup,
  type RadarQuestionInput,
  type RadarSnapshot,
  type RadarStats,
} from './question-radar';
export {
  type AnswerMark,
  type AnswerTimes,
  answerTimes,
  type ChatRecord,
  type DemandVsPin,
  demandVsPins,
  type PinSpan,
  type ProductQuestionRecap,
  type QuestionRecap,
  type RecapOptions,
  recapQuestions,
  type TopQuestion,
  topQuestionsPerProduct,
} from './recap';
