// The bench's peer: @neo4j/graphql on Apollo Server, over unct-graph's Neo4j.
//
//   NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... PORT=4000 node server.mjs
//
// Serves POST / (GraphQL over HTTP) and prints `PEER READY http://127.0.0.1:PORT/`
// once it answers. Read-only: the schema has no mutations.
import { readFileSync } from "node:fs";

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const env = (name, fallback) => {
    const value = process.env[name] ?? fallback;
    if (value === undefined) {
        console.error(`peer: ${name} is not set`);
        process.exit(2);
    }
    return value;
};

const driver = neo4j.driver(
    env("NEO4J_URI", "bolt://127.0.0.1:7687"),
    neo4j.auth.basic(env("NEO4J_USER", "neo4j"), env("NEO4J_PASSWORD")),
);
const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
await driver.verifyConnectivity();

const server = new ApolloServer({ schema, introspection: true });
const port = Number(env("PORT", "4000"));
const { url } = await startStandaloneServer(server, {
    listen: { host: "127.0.0.1", port },
    context: async () => ({}),
});

const stop = async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

console.log(`PEER READY ${url.replace("localhost", "127.0.0.1")}`);
