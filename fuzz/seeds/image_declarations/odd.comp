#version 450
#define X uniform image2D
layout(binding = (1), rgba32f, location = 2) readonly uniform image2DMS ms;
#line 3 1
layout(rg16f) uniform image2DRect rect; layout(r8) uniform imageBuffer buf
;
{ uniform image2D inside_braces; }
uniform imageCubeArray arr[ 3 ] , second ;
