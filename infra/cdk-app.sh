#!/usr/bin/env sh
# The CDK app command (cdk.json). Builds the three shaded Lambda jars and the infra classes without
# `mvn install`, then runs io.tdnet.infra.TdnetApp on the classpath Maven wrote to target/cdk.classpath.
# TDNET_SKIP_BUILD=1 skips the build (jars and classes already there); MAVEN_ARGS adds Maven options (e.g. -o).
set -eu
cd "$(dirname "$0")"
if [ "${TDNET_SKIP_BUILD:-0}" != "1" ]; then
  # shellcheck disable=SC2086
  mvn -B -q ${MAVEN_ARGS:-} -f ../pom.xml -pl lister,downloader,persister,infra -am package -Dmaven.test.skip=true 1>&2
fi
exec java -cp "target/classes:$(cat target/cdk.classpath)" io.tdnet.infra.TdnetApp
