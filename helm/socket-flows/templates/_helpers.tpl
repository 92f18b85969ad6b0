{{/*
The chart name, or nameOverride.
*/}}
{{- define "socket-flows.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The fully qualified name (release-chart), at most 63 characters (DNS label); the release name alone
when it already contains the chart name.
*/}}
{{- define "socket-flows.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Name of the UDP Service when service.separateUdp is on ("-udp" leaves room within 63 characters).
*/}}
{{- define "socket-flows.udpServiceName" -}}
{{- printf "%s-udp" (include "socket-flows.fullname" . | trunc 59 | trimSuffix "-") }}
{{- end }}

{{/*
Name of the metrics Service.
*/}}
{{- define "socket-flows.metricsServiceName" -}}
{{- printf "%s-metrics" (include "socket-flows.fullname" . | trunc 55 | trimSuffix "-") }}
{{- end }}

{{/*
Name of the Secret with the operator's password: operator.existingSecret, or the one the chart generates.
*/}}
{{- define "socket-flows.operatorSecretName" -}}
{{- .Values.operator.existingSecret | default (printf "%s-operator" (include "socket-flows.fullname" . | trunc 54 | trimSuffix "-")) }}
{{- end }}

{{/*
Chart name and version for the helm.sh/chart label.
*/}}
{{- define "socket-flows.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every object.
*/}}
{{- define "socket-flows.labels" -}}
helm.sh/chart: {{ include "socket-flows.chart" . }}
{{ include "socket-flows.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels that select the application's pods.
*/}}
{{- define "socket-flows.selectorLabels" -}}
app.kubernetes.io/name: {{ include "socket-flows.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The ServiceAccount the pods run as.
*/}}
{{- define "socket-flows.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "socket-flows.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference; the tag defaults to appVersion, the tag Jib gives the image.
*/}}
{{- define "socket-flows.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
The Spring profile for ipFamily: "::" (ipv6 profile) serves IPv6 and IPv4 clients, so dual uses it too.
*/}}
{{- define "socket-flows.springProfile" -}}
{{- if eq .Values.ipFamily "IPv4" }}ipv4{{ else }}ipv6{{ end }}
{{- end }}

{{/*
terminationGracePeriodSeconds: explicit, or the preStop pause plus the drain plus 10 s of margin.
*/}}
{{- define "socket-flows.terminationGracePeriodSeconds" -}}
{{- $s := .Values.shutdown }}
{{- $min := add $s.preStopSleepSeconds $s.drainTimeoutSeconds }}
{{- if $s.terminationGracePeriodSeconds }}
{{- if le (int $s.terminationGracePeriodSeconds) (int $min) }}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%v) must exceed preStopSleepSeconds + drainTimeoutSeconds (%v)" $s.terminationGracePeriodSeconds $min) }}
{{- end }}
{{- $s.terminationGracePeriodSeconds }}
{{- else }}
{{- add $min 10 }}
{{- end }}
{{- end }}

{{/*
The application.yml of the ConfigMap: values.config with the listeners, ports and drain timeout that
the chart's other values decide laid over it.
*/}}
{{- define "socket-flows.applicationYaml" -}}
{{- $p := .Values.containerPorts }}
{{- $fixed := dict
  "server" (dict "port" $p.http)
  "management" (dict
    "server" (dict "port" $p.management)
    "endpoint" (dict "health" (dict "probes" (dict "enabled" true))))
  "sockets" (dict
    "echo" (dict "enabled" .Values.echo.enabled "port" $p.echo)
    "ack" (dict "enabled" .Values.ack.enabled "port" $p.ack)
    "udp" (dict "enabled" .Values.udp.enabled "port" $p.udp)
    "chat" (dict "enabled" .Values.chat.enabled "port" $p.chat)
    "shutdown" (dict "drain-timeout" (printf "%ds" (int .Values.shutdown.drainTimeoutSeconds)))) }}
{{- if and .Values.chat.enabled .Values.chat.cluster.enabled }}
{{- $_ := set $fixed.sockets.chat "cluster" "redis" }}
{{- $redis := dict "host" (required "redis.host is required when chat.cluster.enabled is true" .Values.redis.host) "port" (int .Values.redis.port) }}
{{- $_ := set $fixed "spring" (merge (default dict (get $fixed "spring")) (dict "data" (dict "redis" $redis))) }}
{{- end }}
{{- if .Values.tls.enabled }}
{{- /* The TLS Secret as a PEM bundle that Boot reloads when the kubelet updates the mounted files. */}}
{{- $dir := include "socket-flows.tlsDirectory" . }}
{{- $pem := dict "reload-on-update" true "keystore" (dict "certificate" (printf "file:%s/tls.crt" $dir) "private-key" (printf "file:%s/tls.key" $dir)) }}
{{- $_ := set $fixed "spring" (merge (default dict (get $fixed "spring")) (dict "ssl" (dict "bundle" (dict "pem" (dict "socket-flows" $pem))))) }}
{{- range list "echo" "ack" "chat" }}
{{- $_ := set (index $fixed.sockets .) "ssl" (dict "bundle" "socket-flows") }}
{{- end }}
{{- end }}
{{- toYaml (mustMergeOverwrite (deepCopy (default dict .Values.config)) $fixed) }}
{{- end }}

{{/*
The ports of the enabled services as a list of dicts {name, port, protocol}; "ports" picks which map
the numbers come from (containerPorts or service.ports).
*/}}
{{- define "socket-flows.servicePorts" -}}
{{- $ports := index . 1 }}
{{- $v := (index . 0).Values }}
{{- $list := list }}
{{- if $v.echo.enabled }}{{ $list = append $list (dict "name" "echo" "port" $ports.echo "protocol" "TCP") }}{{ end }}
{{- if $v.udp.enabled }}{{ $list = append $list (dict "name" "udp" "port" $ports.udp "protocol" "UDP") }}{{ end }}
{{- if $v.ack.enabled }}{{ $list = append $list (dict "name" "ack" "port" $ports.ack "protocol" "TCP") }}{{ end }}
{{- if $v.chat.enabled }}{{ $list = append $list (dict "name" "chat" "port" $ports.chat "protocol" "TCP") }}{{ end }}
{{- $list = append $list (dict "name" "http" "port" $ports.http "protocol" "TCP") }}
{{- toYaml $list }}
{{- end }}

{{/*
Label key of the pods the NetworkPolicy lets in when networkPolicy.allowExternal is false (at most 63 characters).
*/}}
{{- define "socket-flows.clientLabel" -}}
{{- printf "%s-client" (include "socket-flows.fullname" . | trunc 56 | trimSuffix "-") }}
{{- end }}

{{/*
Where the TLS Secret is mounted, in the application's pod and the test pod; fails when tls.enabled has no Secret.
*/}}
{{- define "socket-flows.tlsDirectory" -}}
{{- if not .Values.tls.existingSecret }}
{{- fail "tls.enabled needs tls.existingSecret: the name of a Secret of type kubernetes.io/tls (tls.crt, tls.key)" }}
{{- end }}
{{- print "/etc/socket-flows/tls" }}
{{- end }}
