# The render server in a container: `vitae serve` on port 8080 (docs/deploy.md).
#
#   docker build -t vitae:0.1.0 .
#   docker run --rm -p 8080:8080 --read-only vitae:0.1.0
#
# Stage 1 builds with the official Rust image, pinned to the toolchain of Cargo.toml's
# rust-version; stage 2 is distroless: glibc and libgcc, no shell, no package manager, running
# as the image's non-root user. The fonts, layouts and locales are compiled into the binary,
# so the binary is the whole application.

FROM rust:1.95.0-slim-bookworm AS build
# `dist` (whole-program LTO) is what vitae ships; `--build-arg PROFILE=release` builds faster.
ARG PROFILE=dist
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src src
COPY benches benches
COPY vendor vendor
COPY fonts fonts
COPY layouts layouts
COPY locales locales
# The registry and target caches survive between builds (BuildKit); the binary is copied out
# of the cached target folder so that the next stage can take it.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --locked --profile "$PROFILE" --bin vitae \
    && cp "target/$PROFILE/vitae" /vitae

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /vitae /usr/local/bin/vitae
# distroless's `nonroot` user (65532); Kubernetes' runAsNonRoot needs the number.
USER 65532:65532
EXPOSE 8080
# SIGTERM (docker stop, Kubernetes) finishes the renders in flight, then exits.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/vitae"]
CMD ["serve", "--bind", "0.0.0.0:8080"]
