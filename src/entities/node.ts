import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType('Node', {
  // Entity class names are the GraphQL type names (Project, Municipality, Source …).
  resolveType: (value: object) => value.constructor.name,
  description: 'An object with a stable, opaque global ID (Relay). Fetch any of them with `node(id:)`.',
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global ID; stable across imports.' })
  id: string;
}
