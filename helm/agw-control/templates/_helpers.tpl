{{/* The chart name, or nameOverride. */}}
{{- define "agw-control.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name of the objects: fullnameOverride, or <release>-<chart> (just the release name
when it already contains the chart name). */}}
{{- define "agw-control.fullname" -}}
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
{{- define "agw-control.selectorLabels" -}}
app.kubernetes.io/name: {{ include "agw-control.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "agw-control.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "agw-control.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The ServiceAccount's name. */}}
{{- define "agw-control.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "agw-control.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The xDS address gateway pods use. */}}
{{- define "agw-control.xdsAddress" -}}
{{- if .Values.deployer.xdsAddress }}
{{- .Values.deployer.xdsAddress }}
{{- else }}
{{- printf "%s.%s.svc:%d" (include "agw-control.fullname" .) .Release.Namespace (int .Values.service.xdsPort) }}
{{- end }}
{{- end }}

{{/* Whether leader election is on: asked for, or needed by several replicas. */}}
{{- define "agw-control.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicas) 1) }}true{{ else }}false{{ end }}
{{- end }}
