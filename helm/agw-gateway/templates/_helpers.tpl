{{/* The chart name, or nameOverride. */}}
{{- define "agw-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name of the objects: fullnameOverride, or <release>-<chart> (just the release name
when it already contains the chart name). */}}
{{- define "agw-gateway.fullname" -}}
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

{{/* Labels that select the control-service pods. */}}
{{- define "agw-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "agw-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "agw-gateway.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "agw-gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The ServiceAccount's name. */}}
{{- define "agw-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "agw-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The traffic ports: the binds of the configuration, or xds.ports in xDS mode. */}}
{{- define "agw-gateway.ports" -}}
{{- $ports := list }}
{{- if .Values.xds.address }}
{{- range .Values.xds.ports }}{{ $ports = append $ports (int .) }}{{ end }}
{{- else }}
{{- $config := fromYaml .Values.config }}
{{- if hasKey $config "Error" }}
{{- fail (printf "config is not valid YAML: %s" (get $config "Error")) }}
{{- end }}
{{- range (get $config "binds" | default list) }}{{ $ports = append $ports (int .port) }}{{ end }}
{{- end }}
{{- toJson ($ports | uniq) }}
{{- end }}
