# diglot in a container (README, "Install"): build the image from this folder with
#   docker build -t diglot .
# and run it on a docs folder (the image's entry point is diglot; its working folder is /docs):
#   docker run --rm -v "$PWD:/docs" diglot build --content . --output _site
# Two stages: Swift's full image compiles diglot (the templates are compiled into the binary, so
# nothing else is copied); Swift's slim image, which holds the Swift runtime and no compiler, runs it.
ARG SWIFT_VERSION=6.1

FROM swift:${SWIFT_VERSION}-noble AS build
# cmark-gfm, the markdown parser Diglot links, from the distribution's packages (as `make deps`).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The whole package (SwiftPM wants every target's folder, the tests' too); .dockerignore leaves out builds.
COPY . .
RUN swift build -c release --product diglot \
    && install -D -m 755 "$(swift build -c release --show-bin-path)/diglot" /out/usr/local/bin/diglot

FROM swift:${SWIFT_VERSION}-noble-slim
# cmark-gfm's shared libraries (the -dev packages name them whatever their version in this release),
# and highlight.js, which colours code in the site when it is installed (README, DocFX code snippets).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcmark-gfm-dev libcmark-gfm-extensions-dev libjs-highlight.js \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/ /
WORKDIR /docs
ENTRYPOINT ["diglot"]
CMD ["--help"]
