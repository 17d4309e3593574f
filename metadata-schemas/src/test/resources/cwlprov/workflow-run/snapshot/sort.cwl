cwlVersion: v1.2
class: CommandLineTool
baseCommand: sort
inputs:
  infile:
    type: File
    inputBinding: {position: 1}
outputs:
  sorted:
    type: stdout
stdout: sorted.txt
