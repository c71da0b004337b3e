export {
  applyBodyPlan,
  applyHeaderMutations,
  bodyPlan,
  fuzzParameters,
  headerMutation,
  hostileHeaderValue,
  hostileJson,
  type BodyPlan,
  type ByteMutation,
  type HeaderMutation,
  type Json,
  type JsonMutation,
} from './payload-mutations';
