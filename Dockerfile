# Builds the worker and the sandbox into one small image.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/worker ./worker && CGO_ENABLED=0 go build -o /out/sandbox ./sandbox && CGO_ENABLED=0 go build -o /out/starter ./starter

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ /crmsync/
ENTRYPOINT []
CMD ["/crmsync/worker"]
