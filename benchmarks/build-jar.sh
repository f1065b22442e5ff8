# Sourced by the benchmark scripts (run from the repository root): builds benchmarks/target/benchmarks.jar when
# BUILD asks for it (auto: when the jar is missing or older than the sources of core, server or benchmarks).
#   BUILD         auto (default), always, never
#   MAVEN_FLAGS   extra Maven flags for the build, e.g. -o
JAR=benchmarks/target/benchmarks.jar
read -r -a MAVEN_EXTRA <<< "${MAVEN_FLAGS:-}"

benchmarks_jar_stale() {
    [[ ! -f $JAR ]] || [[ -n $(find pom.xml core/pom.xml core/src/main server/pom.xml server/src/main \
        benchmarks/pom.xml benchmarks/src/main -newer "$JAR" -type f -print -quit) ]]
}

case ${BUILD:-auto} in
    always) build=yes ;;
    never) build=no ;;
    auto) if benchmarks_jar_stale; then build=yes; else build=no; fi ;;
    *) echo "BUILD is auto, always or never, not ${BUILD}" >&2; exit 2 ;;
esac
if [[ $build == yes ]]; then
    echo "Building $JAR ..."
    mvn -B -ntp -q "${MAVEN_EXTRA[@]}" -pl core,server,benchmarks -am package -DskipTests
fi
