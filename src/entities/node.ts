import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType('Node', { description: 'An object with a stable, opaque global ID (Relay). Fetch any of them with `node(id:)`.' })
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global ID; stable across imports.' })
  id: string;
}
