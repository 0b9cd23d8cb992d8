/**
 * The wiring shared by every edge that talks to AWS: {@link io.tdnet.wiring.AwsClients} (the one SDK
 * client factory), {@link io.tdnet.wiring.FunctionEnvironment} (the one reader of a function's
 * environment) and {@link io.tdnet.wiring.FunctionWiring} (what every Lambda builds at init).
 */
package io.tdnet.wiring;
